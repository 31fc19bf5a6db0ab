package io.memtune.optimizer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.memtune.api.optimizer.OptimizationPass;
import io.memtune.api.optimizer.PassStatus;
import io.memtune.api.optimizer.TemplateNode;

class PassPipelineTest {

    private final PassPipeline pipeline = new PassPipeline(Set.of(), 300);
    private final List<TemplateNode> tree = TreeParser.parse("t", "p", "Hello {{name}}!{{! c }} {{#items}}<i>{{.}}</i>{{/items}}");

    @AfterEach
    void close() {
        pipeline.close();
    }

    /** Found through META-INF/services of the test class path; changes nothing. */
    public static final class DropsNothing implements OptimizationPass {
        @Override
        public String name() {
            return "drops-nothing";
        }

        @Override
        public List<TemplateNode> rewrite(List<TemplateNode> tree) {
            return new java.util.ArrayList<>(tree); // a new list: a rewrite, though an idle one
        }
    }

    private static OptimizationPass pass(String name, UnaryOperator<List<TemplateNode>> rewrite) {
        return new OptimizationPass() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<TemplateNode> rewrite(List<TemplateNode> t) {
                return rewrite.apply(t);
            }
        };
    }

    private PassStatus status(String name) {
        return pipeline.statuses().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void mergesAdjacentTextAndKeepsWhatItRenders() {
        List<TemplateNode> merged = pipeline.apply(tree);
        assertEquals(new TemplateNode.Text("! "), merged.get(2), "the text around the comment is one node");
        assertEquals(1, status("merge-text").applied());
    }

    @Test
    void pluginsThatThrowHangOrChangeTheOutputAreSkippedAndCounted() {
        pipeline.addPlugin(pass("throws", t -> {
            throw new IllegalStateException("boom");
        }), "test");
        pipeline.addPlugin(pass("hangs", t -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return t;
        }), "test");
        pipeline.addPlugin(pass("drops-escaping", t -> t.stream().map(n -> n instanceof TemplateNode.Variable v
                ? new TemplateNode.Variable(v.name(), false) : n).toList()), "test");
        pipeline.addPlugin(pass("nulls", t -> null), "test");
        List<TemplateNode> result = pipeline.apply(tree);
        assertEquals(new MergeTextPass().rewrite(tree), result, "only the built-in pass took effect");
        assertTrue(status("throws").lastFailure().contains("boom"), status("throws").toString());
        assertTrue(status("hangs").lastFailure().contains("took longer than 300 ms"), status("hangs").toString());
        assertTrue(status("drops-escaping").lastFailure().contains("changed the output"), status("drops-escaping").toString());
        assertTrue(status("nulls").lastFailure().contains("returned null"), status("nulls").toString());
    }

    @Test
    void aPluginThatDropsOrRenamesAPartialOrABlockIsCaughtThoughProbesRenderThemAsNothing() {
        List<TemplateNode> withIncludes = TreeParser.parse("t", "p", "a{{>header}}{{<layout}}{{$title}}T{{/title}}{{/layout}}");
        pipeline.addPlugin(pass("drops-partials", t -> t.stream().filter(n -> !(n instanceof TemplateNode.Partial)).toList()),
                "test");
        pipeline.addPlugin(pass("renames-blocks", t -> t.stream().map(n -> n instanceof TemplateNode.Parent p
                ? new TemplateNode.Parent(p.name(), List.of(new TemplateNode.Block("other", p.blocks().get(0).body(), false)))
                : n).toList()), "test");
        assertEquals(new MergeTextPass().rewrite(withIncludes), pipeline.apply(withIncludes));
        assertTrue(status("drops-partials").lastFailure().contains("changed the partials, parents or blocks"));
        assertTrue(status("renames-blocks").lastFailure().contains("changed the partials, parents or blocks"));
    }

    @Test
    void aPluginWhoseNameThrowsDoesNotBreakThePipeline() {
        pipeline.addPlugin(new OptimizationPass() {
            @Override
            public String name() {
                throw new IllegalStateException("no name");
            }

            @Override
            public List<TemplateNode> rewrite(List<TemplateNode> t) {
                return t;
            }
        }, "test");
        assertEquals(new MergeTextPass().rewrite(tree), pipeline.apply(tree));
    }

    @Test
    void aPluginThatHangsAgainAndAgainIsNotRunAnyMore() {
        pipeline.addPlugin(pass("hangs-always", t -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return t;
        }), "test");
        for (int i = 0; i < PassPipeline.MAX_TIMEOUTS + 2; i++) {
            pipeline.apply(tree);
        }
        assertEquals(PassPipeline.MAX_TIMEOUTS, status("hangs-always").failures(), "not run after its third overrun");
        assertEquals(false, status("hangs-always").enabled());
    }

    @Test
    void aPluginThatKeepsTheOutputIsApplied() {
        pipeline.addPlugin(pass("reverses-nothing", t -> new java.util.ArrayList<>(t)), "test");
        pipeline.apply(tree);
        assertEquals(1, status("reverses-nothing").applied());
        assertEquals(0, status("reverses-nothing").failures());
    }

    @Test
    void serviceLoaderProvidersJoinOutsideOsgi() {
        pipeline.discover(getClass().getClassLoader());
        assertEquals("ServiceLoader", status("drops-nothing").origin());
        pipeline.apply(tree);
        assertEquals(1, status("drops-nothing").applied());
    }

    @Test
    void aSwitchedOffPassDoesNotRun() {
        PassPipeline off = new PassPipeline(Set.of("merge-text"), 300);
        assertEquals(tree, off.apply(tree));
        assertEquals(false, off.statuses().get(0).enabled());
        off.close();
    }
}
