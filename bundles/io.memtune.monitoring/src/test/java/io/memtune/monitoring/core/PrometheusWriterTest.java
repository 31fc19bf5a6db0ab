package io.memtune.monitoring.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

import io.memtune.api.metrics.MetricNames;

class PrometheusWriterTest {

    private static String write(MetricRegistry registry, int cap) throws IOException {
        StringWriter out = new StringWriter();
        new PrometheusWriter(cap).write(registry, out);
        return out.toString();
    }

    @Test
    void writesFamiliesWithHelpTypeAndLabels() throws IOException {
        MetricRegistry registry = new MetricRegistry();
        registry.register("memtune.jvm.gc.overhead", (Gauge<Double>) () -> 0.25);
        registry.counter("memtune.pool.active{pool=jdbc}").inc(3);
        registry.meter(MetricNames.labeled("memtune.template.failures", "kind", "not_found")).mark(2);
        registry.timer(MetricNames.labeled("memtune.template.render", "tenant", "a\"b")).update(2, TimeUnit.MILLISECONDS);
        String text = write(registry, 10);
        assertEquals(String.join("\n",
                "# HELP memtune_jvm_gc_overhead memtune.jvm.gc.overhead (Dropwizard gauge)",
                "# TYPE memtune_jvm_gc_overhead gauge",
                "memtune_jvm_gc_overhead 0.25",
                "# HELP memtune_pool_active memtune.pool.active (Dropwizard gauge)",
                "# TYPE memtune_pool_active gauge",
                "memtune_pool_active{pool=\"jdbc\"} 3",
                "# HELP memtune_template_failures_total memtune.template.failures (Dropwizard counter)",
                "# TYPE memtune_template_failures_total counter",
                "memtune_template_failures_total{kind=\"not_found\"} 2",
                "# HELP memtune_template_render_seconds memtune.template.render (Dropwizard summary)",
                "# TYPE memtune_template_render_seconds summary",
                "memtune_template_render_seconds{tenant=\"a\\\"b\",quantile=\"0.5\"} 0.002",
                "memtune_template_render_seconds{tenant=\"a\\\"b\",quantile=\"0.75\"} 0.002",
                "memtune_template_render_seconds{tenant=\"a\\\"b\",quantile=\"0.95\"} 0.002",
                "memtune_template_render_seconds{tenant=\"a\\\"b\",quantile=\"0.99\"} 0.002",
                "memtune_template_render_seconds{tenant=\"a\\\"b\",quantile=\"0.999\"} 0.002",
                "memtune_template_render_seconds_count{tenant=\"a\\\"b\"} 1",
                ""), text);
    }

    @Test
    void foldsRareLabelSetsIntoOtherBeyondTheCap() throws IOException {
        MetricRegistry registry = new MetricRegistry();
        for (int t = 0; t < 10; t++) {
            registry.meter(MetricNames.labeled("memtune.template.requests", "tenant", "t" + t)).mark(t + 1);
        }
        String text = write(registry, 4);
        assertTrue(text.contains("memtune_template_requests_total{tenant=\"t9\"} 10\n"), text);
        assertTrue(text.contains("memtune_template_requests_total{tenant=\"t7\"} 8\n"), text);
        assertTrue(text.contains("memtune_template_requests_total{tenant=\"other\"} 28\n"), "1+2+...+7 = 28: " + text);
        assertEquals(4, text.lines().filter(l -> l.startsWith("memtune_template_requests_total")).count(), text);
    }

    @Test
    void foldsIntoTheRegistrysOwnOtherRatherThanWritingASecondOne() throws IOException {
        MetricRegistry registry = new MetricRegistry();
        for (int t = 0; t < 5; t++) {
            for (int i = 0; i <= t; i++) {
                registry.timer(MetricNames.labeled("memtune.template.render", "tenant", "t" + t)).update(1, TimeUnit.SECONDS);
            }
        }
        Timer other = registry.timer(MetricNames.labeled("memtune.template.render", "tenant", "other"));
        for (int i = 0; i < 100; i++) {
            other.update(1, TimeUnit.MILLISECONDS); // the busiest set of all
        }
        List<String> counts = write(registry, 3).lines()
                .filter(l -> l.startsWith("memtune_template_render_seconds_count")).toList();
        assertEquals(List.of("memtune_template_render_seconds_count{tenant=\"t4\"} 5",
                "memtune_template_render_seconds_count{tenant=\"t3\"} 4",
                "memtune_template_render_seconds_count{tenant=\"other\"} 106"), counts, "1 + 2 + 3 + the registry's 100");
        String within = write(registry, 10);
        assertTrue(within.contains("memtune_template_render_seconds{tenant=\"other\",quantile=\"0.5\"}"),
                "under the cap the registry's other keeps its quantiles: " + within);
    }

    @Test
    void sanitizesNamesAndSkipsGaugesWithoutNumbers() throws IOException {
        MetricRegistry registry = new MetricRegistry();
        registry.register("memtune.jvm.gc.G1 Old Generation.count", (Gauge<Long>) () -> 7L);
        registry.register("memtune.jvm.threads.deadlocks", (Gauge<String>) () -> "none");
        registry.register("9lives", (Gauge<Boolean>) () -> true);
        String text = write(registry, 10);
        assertTrue(text.contains("memtune_jvm_gc_G1_Old_Generation_count 7\n"), text);
        assertTrue(text.contains("_9lives 1\n"), text);
        assertTrue(!text.contains("deadlocks ") , text);
    }

    @Test
    void formatsSpecialValuesAsPrometheusDoes() {
        assertEquals("NaN", PrometheusWriter.format(Double.NaN));
        assertEquals("+Inf", PrometheusWriter.format(Double.POSITIVE_INFINITY));
        assertEquals("-3", PrometheusWriter.format(-3.0));
        assertEquals("1.5E-7", PrometheusWriter.format(1.5e-7));
    }
}
