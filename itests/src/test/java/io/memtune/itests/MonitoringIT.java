package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import com.codahale.metrics.MetricRegistry;

import io.memtune.api.metrics.MetricHistory;
import io.memtune.api.template.TemplateService;

/**
 * The monitoring bundle: one registry shared by every bundle, JVM, template and profiler series in
 * {@code /metrics} (strictly valid Prometheus text) and {@code /metrics.json}, and the series history.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MonitoringIT {

    @Inject
    private BundleContext context;

    @Inject
    private MetricRegistry registry;

    @Inject
    private MetricHistory history;

    @Inject
    private TemplateService templates;

    private final HttpClient http = HttpClient.newHttpClient();

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container("{\n"
                + "  \"io.memtune.template\": {\"templates.root\": \"" + MemtuneOptions.WORK + "/templates\"},\n"
                + "  \"io.memtune.template.metrics\": {\"tenants.budget.bytes\": 131072},\n"
                + "  \"io.memtune.monitoring.history\": {\"resolution.ms\": 200, \"capacity\": 5},\n"
                + "  \"io.memtune.profiler\": {\"snapshot.interval.ms\": 200, \"directory\": \"" + MemtuneOptions.WORK
                + "/profiles\"}\n}\n"));
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + context.getProperty("org.osgi.service.http.port") + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
        return r.body();
    }

    private void render() throws Exception {
        Workspace workspace = new Workspace(context);
        workspace.write("templates/acme/hello.mustache", "hello {{name}}");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + context.getProperty("org.osgi.service.http.port") + "/render/acme/hello"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
    }

    @Test
    public void thereIsExactlyOneRegistryAndEveryBundleWritesToIt() throws Exception {
        Collection<ServiceReference<MetricRegistry>> refs = context.getServiceReferences(MetricRegistry.class, null);
        assertEquals(1, refs.size());
        assertSame(registry, context.getService(refs.iterator().next()));
        render();
        Workspace.await("template and profiler metrics in the registry", Duration.ofSeconds(10),
                () -> registry.getNames().stream().anyMatch(n -> n.startsWith("memtune.template.render{tenant=acme}"))
                        && registry.getNames().stream().anyMatch(n -> n.startsWith("memtune.profiler."))
                        && registry.getNames().stream().anyMatch(n -> n.startsWith("memtune.jvm.")));
    }

    @Test
    public void prometheusEndpointIsValidAndHasJvmTemplateAndProfilerSeries() throws Exception {
        render();
        List<PrometheusText.Sample> samples = PrometheusText.parse(get("/metrics"));
        assertTrue(samples.stream().anyMatch(s -> s.name().equals("memtune_jvm_heap_used_after_gc")));
        assertTrue(samples.stream().anyMatch(s -> s.name().equals("memtune_jvm_gc_overhead")));
        assertTrue(samples.stream().anyMatch(s -> s.name().equals("memtune_jvm_allocation_rate")));
        assertTrue(samples.stream().anyMatch(s -> s.name().startsWith("memtune_jvm_memory_pools_")));
        assertTrue(samples.stream().anyMatch(s -> s.name().equals("memtune_template_render_seconds_count")
                && "acme".equals(s.labels().get("tenant")) && s.value() >= 1));
        assertTrue(samples.stream().anyMatch(s -> s.name().equals("memtune_template_cache_entries")
                && "memory".equals(s.labels().get("tier"))));
        assertTrue(samples.stream().anyMatch(s -> s.name().equals("memtune_profiler_disk_files")));
    }

    @Test
    public void tenantsBeyondTheBudgetAreFoldedIntoOtherAndSaidToBe() throws Exception {
        render(); // acme first: it keeps its series for the other tests of this class
        Workspace workspace = new Workspace(context);
        int tenants = 60; // a 128 KB budget holds about 20 tenant series
        for (int t = 0; t < tenants; t++) {
            workspace.write("templates/t" + t + "/page.mustache", "page of {{name}}");
            templates.render("t" + t, "page", Map.of("name", "x"), new StringWriter());
        }
        long folded = registry.getTimers().get("memtune.template.render{tenant=other}").getCount();
        int tracked = (Integer) registry.getGauges().get("memtune.template.tenants.tracked").getValue();
        assertTrue(folded + " renders folded", folded >= 1);
        assertTrue(tracked + " tenants with a series", tracked > 1 && tracked + folded == tenants + 1);
        List<PrometheusText.Sample> samples = PrometheusText.parse(get("/metrics"));
        assertTrue(samples.stream().anyMatch(s -> s.name().equals("memtune_template_render_seconds_count")
                && "other".equals(s.labels().get("tenant")) && s.value() == folded));
        assertTrue(samples.stream().anyMatch(s -> s.name().equals("memtune_template_tenants_folded") && s.value() >= 1));
        assertTrue(samples.stream().anyMatch(s -> s.name().equals("memtune_template_render_seconds_count")
                && "acme".equals(s.labels().get("tenant"))));
        String json = get("/metrics.json");
        assertTrue(json, json.contains("\"memtune.template.tenants\"") && json.contains("\"tracked\":[\"acme\""));
    }

    @Test
    public void jsonEndpointListsTheRegistry() throws Exception {
        String json = get("/metrics.json");
        assertTrue(json, json.startsWith("{\"version\"") && json.contains("\"memtune.jvm.gc.overhead\""));
    }

    @Test
    public void historyKeepsTheKeySeriesWithinItsCapacity() throws Exception {
        Workspace.await("a full history of heap after GC", Duration.ofSeconds(15),
                () -> history.samples("memtune.jvm.heap.used.after.gc").size() == 5);
        Thread.sleep(500);
        assertEquals(5, history.samples("memtune.jvm.heap.used.after.gc").size());
        assertFalse(history.seriesNames().isEmpty());
    }
}
