package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

import io.memtune.api.optimizer.OptimizationPass;
import io.memtune.api.optimizer.OptimizationReport;
import io.memtune.api.optimizer.Optimizer;
import io.memtune.api.optimizer.PassStatus;
import io.memtune.api.optimizer.TemplateNode;
import io.memtune.api.template.TemplateEngine;
import io.memtune.api.template.TemplateService;

/**
 * The optimizer bundle in the container: the template service renders through its engine, the memory
 * report and the shell commands answer, third-party passes that throw or change the output are isolated,
 * and stopping the bundle hands rendering back to Mustache.java without a failed render.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OptimizerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    private BundleContext context;

    @Inject
    private TemplateService templates;

    @Inject
    private CommandProcessor shell;

    private Workspace workspace;

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container("{\n"
                + "  \"io.memtune.template\": {\"templates.root\": \"" + MemtuneOptions.WORK + "/templates\","
                + " \"poll.interval.ms\": 200}\n"
                + "}\n"));
    }

    @Before
    public void corpus() throws Exception {
        workspace = new Workspace(context);
        workspace.write("templates/_shared/layout.html.mustache", "<html>{{>header}}{{#items}}{{$row}}{{name}}{{/row}}"
                + "{{/items}}</html>");
        workspace.write("templates/_shared/header.mustache", "<h1>{{brand}}</h1>");
        for (String tenant : List.of("acme", "globex")) {
            workspace.write("templates/" + tenant + "/list.html.mustache", "{{<layout.html}}{{$row}}<li>{{name}}</li>{{/row}}"
                    + "{{/layout.html}}");
            workspace.write("templates/" + tenant + "/plain.txt.mustache", "plain {{brand}}");
        }
        Workspace.await("the optimizer's engine", TIMEOUT, () -> engineName().equals("memtune-compact"));
    }

    private String engineName() {
        ServiceReference<TemplateEngine> best = context.getServiceReference(TemplateEngine.class);
        return best == null ? "" : context.getService(best).name();
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        Workspace.await(type.getSimpleName(), TIMEOUT, () -> context.getServiceReference(type) != null);
        return context.getService(context.getServiceReference(type));
    }

    private String render(String tenant, String template) {
        StringWriter out = new StringWriter();
        templates.render(tenant, template, Map.of("brand", "B&Co", "items", List.of(Map.of("name", "a"), Map.of("name", "<b>"))),
                out);
        return out.toString();
    }

    @Test
    public void rendersThroughTheOptimizerAndReportsWhatItSaves() throws Exception {
        assertEquals("<html><h1>B&amp;Co</h1><li>a</li><li>&lt;b&gt;</li></html>", render("acme", "list.html"));
        assertEquals(render("acme", "list.html"), render("globex", "list.html"));
        OptimizationReport report = service(Optimizer.class).report();
        assertTrue(report.toString(), report.templates() >= 2);
        assertTrue(report.toString(), report.optimizedBytes() > 0 && report.optimizedBytes() < report.baselineBytes());
        String listing = ShellCommands.run(shell, "memtune:optimize --dry-run", "memtune:template-memory --top 5");
        assertTrue(listing, listing.contains("compact form") && listing.contains("merge-text")
                && listing.contains("acme/list.html") && listing.contains("globex/list.html"));
        assertTrue(listing, listing.contains("the templates hold") && listing.contains("page-keys")
                && listing.contains("file-states") && listing.contains("optimizer's entries"));
        String variables = ShellCommands.run(shell, "memtune:variables acme list.html"
                + " '{\"brand\":\"B\",\"items\":[{\"name\":\"a\",\"sku\":1}],\"tracking\":2}'");
        assertTrue(variables, variables.contains("reads: brand, items, name")
                && variables.contains("unused in the sample: items.sku, tracking") && variables.contains("missing from the sample: none"));
        String tenants = ShellCommands.run(shell, "memtune:template-memory --by-tenant");
        assertTrue(tenants, tenants.contains("acme ") && tenants.contains("globex ") && !tenants.contains("list.html"));
    }

    @Test
    public void editingASharedPartialChangesEveryTemplateThatUsesItAndNoOther() throws Exception {
        assertTrue(render("acme", "list.html").contains("<h1>B&amp;Co</h1>"));
        render("globex", "list.html");
        awaitWatcherCaughtUp();
        templates.render("acme", "plain.txt", Map.of("brand", "B"), new StringWriter());
        java.time.Instant plainCompiled = compiledAt("acme", "plain.txt");
        workspace.write("templates/_shared/header.mustache", "<h2>{{brand}}</h2>");
        Workspace.await("both users of the header re-rendered", TIMEOUT, () -> render("acme", "list.html").contains("<h2>")
                && render("globex", "list.html").contains("<h2>"));
        assertEquals("a template that does not include the header is not recompiled", plainCompiled,
                compiledAt("acme", "plain.txt"));
    }

    /**
     * The set-up rewrote every file: waits until the watcher has reported those writes, by a sentinel written
     * after them (the watcher reports changes in the order it finds them stable, so once the sentinel's new
     * text is served, the earlier writes have been reported too).
     */
    private void awaitWatcherCaughtUp() throws Exception {
        String sentinel = "sentinel-" + System.nanoTime();
        workspace.write("templates/acme/sentinel.txt.mustache", "before");
        StringWriter first = new StringWriter();
        templates.render("acme", "sentinel.txt", Map.of(), first);
        workspace.write("templates/acme/sentinel.txt.mustache", sentinel);
        Workspace.await("the watcher caught up", TIMEOUT, () -> {
            StringWriter out = new StringWriter();
            templates.render("acme", "sentinel.txt", Map.of(), out);
            return out.toString().equals(sentinel);
        });
    }

    private java.time.Instant compiledAt(String tenant, String template) {
        return templates.templates(tenant).stream().filter(t -> t.name().equals(template)).findFirst().orElseThrow()
                .compiledAt();
    }

    @Test
    public void aPassThatThrowsOrChangesTheOutputIsSkippedAndReported() throws Exception {
        ServiceRegistration<OptimizationPass> throwing = context.registerService(OptimizationPass.class, pass("it-throws",
                tree -> {
                    throw new IllegalStateException("boom");
                }), null);
        ServiceRegistration<OptimizationPass> corrupting = context.registerService(OptimizationPass.class, pass("it-shouts",
                tree -> tree.stream().map(n -> n instanceof TemplateNode.Text t ? new TemplateNode.Text(t.text().toUpperCase())
                        : n).map(TemplateNode.class::cast).toList()), null);
        try {
            Workspace.await("both passes in the pipeline", TIMEOUT, () -> passes().stream()
                    .filter(p -> p.name().startsWith("it-")).count() == 2);
            workspace.write("templates/acme/fresh.txt.mustache", "fresh {{brand}}");
            assertEquals("fresh B&amp;Co", render("acme", "fresh.txt"));
            PassStatus threw = passes().stream().filter(p -> p.name().equals("it-throws")).findFirst().orElseThrow();
            PassStatus shouted = passes().stream().filter(p -> p.name().equals("it-shouts")).findFirst().orElseThrow();
            assertTrue(threw.toString(), threw.failures() >= 1 && threw.lastFailure().contains("boom"));
            assertTrue(shouted.toString(), shouted.failures() >= 1 && shouted.lastFailure().contains("changed the output"));
        } finally {
            throwing.unregister();
            corrupting.unregister();
        }
    }

    @Test
    public void stoppingTheOptimizerHandsRenderingBackToMustacheJava() throws Exception {
        String expected = render("acme", "list.html");
        Bundle optimizer = List.of(context.getBundles()).stream()
                .filter(b -> "io.memtune.optimizer".equals(b.getSymbolicName())).findFirst().orElseThrow();
        optimizer.stop();
        try {
            Workspace.await("Mustache.java's engine", TIMEOUT, () -> engineName().equals("mustache.java"));
            assertEquals(expected, render("acme", "list.html"));
        } finally {
            optimizer.start();
        }
        Workspace.await("the optimizer's engine again", TIMEOUT, () -> engineName().equals("memtune-compact"));
        assertEquals(expected, render("acme", "list.html"));
    }

    private List<PassStatus> passes() {
        try {
            return service(Optimizer.class).passes();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static OptimizationPass pass(String name, java.util.function.UnaryOperator<List<TemplateNode>> rewrite) {
        return new OptimizationPass() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<TemplateNode> rewrite(List<TemplateNode> tree) {
                return rewrite.apply(tree);
            }
        };
    }
}
