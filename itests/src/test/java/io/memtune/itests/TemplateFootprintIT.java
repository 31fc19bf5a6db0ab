package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;
import javax.management.ObjectName;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import io.memtune.api.template.TemplateEngine;
import io.memtune.api.template.TemplateService;

/**
 * Accounting that matches the heap (issue "memory at tenant scale", item 6): {@code memtune:template-memory}'s total
 * for a white-label repository of 1,500 tenants is what the container's class histogram says the templates add,
 * within 20 %. The same container first runs with an empty repository (the histogram before), then with the corpus,
 * every page rendered once (the histogram after): what the service, the optimizer and the per-tenant metrics hold
 * for them is the difference.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TemplateFootprintIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int TENANTS = 1_500;
    private static final int PAGES = 5;

    /**
     * Warm-up off (it renders pages of its own); a short history and no alert evaluation (their samples grow for
     * minutes after a start, whatever the templates).
     */
    private static String environment(String root) {
        return "{\n"
                + "  \"io.memtune.template\": {\"templates.root\": \"" + MemtuneOptions.WORK + "/" + root + "\","
                + " \"cache.memory.bytes\": 268435456},\n"
                + "  \"io.memtune.http.warmup\": {\"warmup.seconds\": 0},\n"
                + "  \"io.memtune.monitoring.history\": {\"resolution.ms\": 1000, \"capacity\": 10},\n"
                + "  \"io.memtune.alerting\": {\"evaluation.interval.ms\": 86400000}\n"
                + "}\n";
    }

    @Inject
    private BundleContext context;

    @Inject
    private CommandProcessor shell;

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container(environment("warm-up")));
    }

    @Test
    public void templateMemorysTotalIsWhatTheClassHistogramSaysTheTemplatesAddWithinTwentyPerCent() throws Exception {
        Workspace workspace = new Workspace(context);
        // one tenant first, rendered before the histogram: the classes of the render path are loaded, the caches exist
        writeRepository(workspace, "warm-up", 1);
        writeRepository(workspace, "corpus", TENANTS);
        Workspace.await("the optimizer's engine", TIMEOUT, () -> engine().equals("memtune-compact"));
        Workspace.await("the warm-up repository", TIMEOUT, () -> templates() != null && templates().tenants().size() == 1);
        renderAll(templates());
        long before = liveHeap();

        workspace.writeEnvironment(environment("corpus"));
        Workspace.await("the corpus's tenants", TIMEOUT, () -> templates() != null && templates().tenants().size() == TENANTS);
        renderAll(templates());
        long added = liveHeap() - before;

        String listing = ShellCommands.run(shell, "memtune:template-memory --top 1");
        long reported = total(listing);
        System.out.printf(Locale.ROOT, "%d pages of %d tenants: the class histogram says %d B added, template-memory %d B%n%s%n",
                TENANTS * PAGES, TENANTS, added, reported, listing);
        assertTrue(listing, listing.contains("file-states") && listing.contains("memory-tier")
                && listing.contains("tenant-metrics") && listing.contains("optimizer-pages"));
        assertEquals(listing, added, reported, 0.20 * added);
    }

    /**
     * A white-label repository under {@code root}: every tenant's first pages are one of two shared designs, its last
     * page its own; a shared layout, header and footer; a quarter of the tenants override the header.
     */
    private static void writeRepository(Workspace workspace, String root, int tenants) throws Exception {
        Random random = new Random(7);
        workspace.write(root + "/_shared/layout.html.mustache", "<!DOCTYPE html><html><head><title>{{$title}}{{brand}}"
                + "{{/title}}</title></head><body>{{>header}}<main>{{$content}}{{/content}}</main>{{>footer}}</body></html>\n");
        workspace.write(root + "/_shared/header.mustache", "<header>{{brand}}{{#user}} &middot; {{name}}{{/user}}</header>\n");
        workspace.write(root + "/_shared/footer.mustache", "<footer>&copy; {{year}} {{brand}}</footer>\n");
        List<String> designs = List.of(page("Design A", random), page("Design B", random));
        for (int t = 0; t < tenants; t++) {
            String tenant = String.format("%s%05d", root.equals("corpus") ? "tenant" : "warmup", t);
            for (int p = 0; p < PAGES; p++) {
                String text = p < PAGES - 1 ? designs.get(p % 2) : page(tenant + " page " + p, random);
                workspace.write(root + "/" + tenant + "/page" + p + ".html.mustache", text);
            }
            if (t % 4 == 0) {
                workspace.write(root + "/" + tenant + "/header.mustache", "<header class=\"" + tenant + "\">{{brand}}</header>\n");
            }
        }
    }

    private static String page(String title, Random random) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            words.append(' ').append(Integer.toString(random.nextInt(100_000), 36));
        }
        return "{{<layout.html}}{{$title}}" + title + " - {{title}}{{/title}}{{$content}}\n<h1>" + title + "</h1>\n<p>"
                + words + " {{notice}}</p>\n<ul>{{#items}}<li>{{name}}: {{price}}</li>{{/items}}</ul>\n{{/content}}"
                + "{{/layout.html}}\n";
    }

    /** Renders every page of every tenant once. */
    private static void renderAll(TemplateService service) {
        byte[] context = ("{\"brand\": \"Example\", \"title\": \"Report\", \"user\": {\"name\": \"Ada\"}, \"items\":"
                + " [{\"name\": \"one\", \"price\": 1.5}], \"year\": 2026, \"notice\": \"<b>escaped</b>\"}")
                .getBytes(StandardCharsets.UTF_8);
        for (String tenant : service.tenants()) {
            for (int p = 0; p < PAGES; p++) {
                StringWriter out = new StringWriter();
                service.renderJson(tenant, "page" + p + ".html", new ByteArrayInputStream(context), out);
                assertTrue(out.toString(), out.toString().contains("<b>escaped</b>".replace("<", "&lt;").replace(">", "&gt;")));
            }
        }
    }

    private TemplateService templates() {
        ServiceReference<TemplateService> ref = context.getServiceReference(TemplateService.class);
        return ref == null ? null : context.getService(ref);
    }

    private String engine() {
        ServiceReference<TemplateEngine> best = context.getServiceReference(TemplateEngine.class);
        return best == null ? "" : context.getService(best).name();
    }

    /** The histogram's total after the full collection it starts with, settled: the least of three. */
    private static long liveHeap() throws Exception {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            Thread.sleep(300);
            String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            Matcher total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(histogram);
            assertTrue(histogram, total.find());
            least = Math.min(least, Long.parseLong(total.group(1)));
        }
        return least;
    }

    /** The total {@code memtune:template-memory} states ("the templates hold 4.2 MB for ..."). */
    private static long total(String listing) {
        Matcher m = Pattern.compile("the templates hold ([0-9.]+) (B|KB|MB) for").matcher(listing);
        assertTrue(listing, m.find());
        double value = Double.parseDouble(m.group(1));
        return (long) (value * switch (m.group(2)) {
            case "MB" -> 1 << 20;
            case "KB" -> 1 << 10;
            default -> 1;
        });
    }
}
