package com.example.memtune.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

import io.memtune.api.optimizer.OptimizationPass;
import io.memtune.api.optimizer.TemplateNode;

class DropEmptySectionsTest {

    private final DropEmptySections pass = new DropEmptySections();

    @Test
    void dropsEmptySectionsAtAnyDepthAndWhatTheyEmpty() {
        List<TemplateNode> tree = List.of(new TemplateNode.Text("a"), new TemplateNode.Section("x", false, List.of()),
                new TemplateNode.Section("y", true, List.of(new TemplateNode.Section("z", false, List.of()))),
                new TemplateNode.Section("w", false, List.of(new TemplateNode.Text("b"), new TemplateNode.Section("v", true, List.of()))));
        assertEquals(List.of(new TemplateNode.Text("a"), new TemplateNode.Section("w", false, List.of(new TemplateNode.Text("b")))),
                pass.rewrite(tree));
    }

    @Test
    void aTreeWithNothingToDropIsReturnedAsItIs() {
        List<TemplateNode> tree = List.of(new TemplateNode.Section("x", false, List.of(new TemplateNode.Variable("v", true))));
        assertSame(tree, pass.rewrite(tree));
    }

    @Test
    void serviceLoaderFindsItOutsideOsgi() {
        assertEquals(List.of("drop-empty-sections"), ServiceLoader.load(OptimizationPass.class).stream()
                .map(p -> p.get().name()).toList());
    }
}
