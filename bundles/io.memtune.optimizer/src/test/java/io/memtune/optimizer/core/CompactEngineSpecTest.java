package io.memtune.optimizer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.memtune.template.core.MustacheJavaEngine;
import io.memtune.template.core.SpecCases;
import io.memtune.template.core.SpecCases.Outcome;
import io.memtune.template.core.SpecCases.SpecCase;

/**
 * The public Mustache specification through the optimizer's engine with every optimization on: the same
 * output (or the same failure) as plain Mustache.java on every case, inheritance with blocks in sections,
 * nested parents, dynamic names and delimiter changes included.
 */
class CompactEngineSpecTest {

    static CompactEngine allOn() {
        return new CompactEngine(OptimizerSettings.ALL, new PassPipeline(Set.of(), 1000), new MustacheJavaEngine(),
                new CompileLedger());
    }

    private final CompactEngine engine = allOn();

    @TestFactory
    Stream<DynamicTest> rendersEverySpecCaseAsPlainMustacheJava() throws IOException {
        return SpecCases.load().stream().map(c -> DynamicTest.dynamicTest(c.file() + ": " + c.name(), () -> {
            Outcome plain = SpecCases.plain(c);
            Outcome ours = SpecCases.engine(engine, c);
            assertEquals(plain, ours, "optimizer and plain Mustache.java differ on " + c.name() + ": " + c.template());
        }));
    }

    @Test
    void passesAtLeastWhatMustacheJavaPasses() throws IOException {
        List<SpecCase> cases = SpecCases.load();
        long plain = cases.stream().filter(c -> SpecCases.plain(c).passes(c)).count();
        long ours = cases.stream().filter(c -> SpecCases.engine(engine, c).passes(c)).count();
        System.out.printf("mustache spec: optimizer passes %d of %d cases, plain Mustache.java %d%n", ours, cases.size(), plain);
        assertTrue(cases.size() > 100 && ours >= plain, ours + " < " + plain);
    }
}
