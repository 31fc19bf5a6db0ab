package io.memtune.optimizer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.memtune.api.optimizer.VariableReport;

class VariableAnalysisTest {

    private final CompactEngine engine = CompactEngineSpecTest.allOn();

    @Test
    void namesTheDataATemplateNeverReadsAndTheNamesTheDataLacks() {
        CompactTemplate t = (CompactTemplate) engine.compile(Sources.of("t", "p", Map.of(
                "p", "{{#items}}{{name}} {{price}}{{/items}}{{>f}}", "f", "{{{user}}} {{year}}")));
        VariableReport r = VariableAnalysis.of(t, Map.of("items", List.of(Map.of("name", "a", "sku", 1)),
                "user", Map.of("name", "u", "secret", "s"), "tracking", Map.of("id", 7)));
        assertEquals(Set.of("items", "name", "price", "user", "year"), r.reads());
        assertEquals(Set.of("items.sku", "tracking"), r.unused(), "user is printed whole: all of it is used");
        assertEquals(Set.of("price", "year"), r.missing());
    }

    @Test
    void aTemplateThatPrintsTheWholeContextCanReadAnything() {
        CompactTemplate t = (CompactTemplate) engine.compile(Sources.of("t", "q", Map.of("q", "{{#a}}x{{/a}}{{.}}")));
        VariableReport r = VariableAnalysis.of(t, Map.of("a", List.of(1), "b", 2));
        assertEquals(Set.of(), r.reads());
        assertEquals(Set.of(), r.unused());
    }

    @Test
    void theImplicitIteratorInASectionPrintsOnlyThatSectionsValue() {
        CompactTemplate t = (CompactTemplate) engine.compile(Sources.of("t", "q", Map.of("q", "{{#a}}{{.}}{{/a}}")));
        VariableReport r = VariableAnalysis.of(t, Map.of("a", List.of(1), "b", 2));
        assertEquals(Set.of("b"), r.unused());
    }
}
