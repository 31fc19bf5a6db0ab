package io.memtune.dashboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.memtune.api.metrics.MetricHistory;
import io.memtune.api.optimizer.TemplateMemory;

/** What the page is given: charts in operators' units, the busiest tenants, template memory by tenant. */
class ChartsAndTenantMemoryTest {

    /** A history holding a few fixed series. */
    private static MetricHistory history(Map<String, List<MetricHistory.Sample>> series) {
        return new MetricHistory() {
            @Override
            public List<String> seriesNames() {
                return List.copyOf(series.keySet());
            }

            @Override
            public List<Sample> samples(String name) {
                return series.getOrDefault(name, List.of());
            }

            @Override
            public Duration resolution() {
                return Duration.ofSeconds(1);
            }

            @Override
            public int capacity() {
                return 600;
            }
        };
    }

    @Test
    void chartsAreInOperatorsUnitsWithTitlesInWords() {
        MetricHistory h = history(Map.of(
                "memtune.jvm.heap.used.after.gc", List.of(new MetricHistory.Sample(1_000, 64 * Charts.MB)),
                "memtune.jvm.gc.overhead", List.of(new MetricHistory.Sample(1_000, 0.025)),
                "memtune.jvm.allocation.rate", List.of(new MetricHistory.Sample(1_000, -1), new MetricHistory.Sample(2_000, 3 * Charts.MB)),
                "memtune.template.render{tenant=acme}", List.of(new MetricHistory.Sample(1_000, 12.5))));
        Map<String, Charts.Chart> charts = Charts.of(h, Map.of("acme", List.<double[]>of(new double[] {1_000, 4})), 5).stream()
                .collect(java.util.stream.Collectors.toMap(Charts.Chart::id, c -> c));
        assertEquals("MB", charts.get("heap").unit());
        assertEquals(64.0, charts.get("heap").lines().get(0).points().get(0)[1], 1e-9);
        assertEquals("% of wall time", charts.get("gc").unit());
        assertEquals(2.5, charts.get("gc").lines().get(0).points().get(0)[1], 1e-9);
        assertEquals(1, charts.get("allocation").lines().get(0).points().size(), "'cannot tell' (-1) is not drawn");
        assertEquals(3.0, charts.get("allocation").lines().get(0).points().get(0)[1], 1e-9);
        assertEquals("renders/s", charts.get("renders").unit());
        assertEquals("acme", charts.get("renders").lines().get(0).label());
        assertEquals("ms", charts.get("latency").unit());
        assertEquals(12.5, charts.get("latency").lines().get(0).points().get(0)[1], 1e-9);
    }

    @Test
    void theBusiestTenantsAreChartedThenOther() {
        Map<String, List<double[]>> rates = Map.of(
                "quiet", List.of(new double[] {0, 1}),
                "busy", List.of(new double[] {0, 50}, new double[] {1, 50}),
                "middling", List.of(new double[] {0, 20}),
                "other", List.of(new double[] {0, 500}));
        assertEquals(List.of("busy", "middling", "other"), Charts.busiest(rates, 2));
        assertEquals(List.of("busy", "middling", "quiet"), Charts.busiest(Map.of("busy", rates.get("busy"),
                "middling", rates.get("middling"), "quiet", rates.get("quiet")), 5));
    }

    @Test
    void templateMemoryIsSummedByTenantLargestFirstWithTheRestInOneRow() {
        List<TemplateMemory> all = List.of(
                new TemplateMemory("acme", "a.html", 100, 1_000, 300),
                new TemplateMemory("acme", "b.html", 100, 1_000, 200),
                new TemplateMemory("globex", "a.html", 50, 800, 100),
                new TemplateMemory("initech", "a.html", 50, 700, 50),
                new TemplateMemory("hooli", "a.html", 10, 100, 40));
        List<TenantMemory> rows = TenantMemory.fromOptimizer(all, 2);
        assertEquals(List.of(new TenantMemory("acme", 2, 200, 2_000, 500, 1_500),
                new TenantMemory("globex", 1, 50, 800, 100, 700),
                new TenantMemory("2 other tenants", 2, 60, 800, 90, 710)), rows);
    }
}
