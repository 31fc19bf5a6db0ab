package io.memtune.dashboard.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import io.memtune.api.metrics.MetricHistory;
import io.memtune.api.metrics.MetricNames;

/**
 * The charts of the page, in operators' units: each has a title in words, its unit, and lines of
 * {@code [epochMillis, value]} already converted (bytes to MB, a share of wall time to %), so the page only draws.
 * Render rate and time are per tenant: the tenants with the most renders in the window, and {@code other} when the
 * template bundle folds tenants into it.
 */
final class Charts {

    /** MB as the JVM counts them ({@code -Xmx512m}): 2^20 bytes. */
    static final double MB = 1024 * 1024;

    /**
     * One chart.
     *
     * @param id stable, for the page and tests
     * @param title what it shows, in words
     * @param unit the unit of its values, in words
     * @param lines its lines
     */
    record Chart(String id, String title, String unit, List<Line> lines) {
    }

    /**
     * One line of a chart.
     *
     * @param label its legend
     * @param metric the registry series it comes from
     * @param points {@code [epochMillis, value]}, oldest first, in the chart's unit
     */
    record Line(String label, String metric, List<double[]> points) {
    }

    private Charts() {
    }

    /**
     * @param history the metric history, or null when the monitoring bundle is away (then only render rates)
     * @param rates renders per second by tenant
     * @param tenants how many tenants the per-tenant charts show (besides {@code other})
     */
    static List<Chart> of(MetricHistory history, Map<String, List<double[]>> rates, int tenants) {
        List<Chart> charts = new ArrayList<>();
        charts.add(new Chart("heap", "Heap after GC, used and committed", "MB", List.of(
                line(history, "after GC", "memtune.jvm.heap.used.after.gc", v -> v / MB),
                line(history, "used", "memtune.jvm.memory.heap.used", v -> v / MB),
                line(history, "committed", "memtune.jvm.memory.heap.committed", v -> v / MB))));
        charts.add(new Chart("gc", "Time spent in GC", "% of wall time", List.of(
                line(history, "GC time", "memtune.jvm.gc.overhead", v -> v * 100))));
        charts.add(new Chart("allocation", "Allocation rate", "MB/s", List.of(
                line(history, "allocated", "memtune.jvm.allocation.rate", v -> v < 0 ? Double.NaN : v / MB))));
        charts.add(new Chart("threads", "Live threads", "threads", List.of(
                line(history, "threads", "memtune.jvm.threads.count", v -> v))));
        List<String> shown = busiest(rates, tenants);
        List<Line> rateLines = new ArrayList<>();
        List<Line> latencyLines = new ArrayList<>();
        for (String tenant : shown) {
            String metric = MetricNames.labeled(RenderRates.RENDER, "tenant", tenant);
            rateLines.add(new Line(tenant, metric, rates.getOrDefault(tenant, List.of())));
            latencyLines.add(line(history, tenant, metric, v -> v)); // the history keeps a timer's p99 in ms
        }
        charts.add(new Chart("renders", "Renders per second by tenant", "renders/s", rateLines));
        charts.add(new Chart("latency", "Render time by tenant, 99th percentile", "ms", latencyLines));
        return charts;
    }

    /** The tenants with the most renders in the window, then {@code other} when there is such a series. */
    static List<String> busiest(Map<String, List<double[]>> rates, int tenants) {
        Map<String, Double> totals = new LinkedHashMap<>();
        rates.forEach((tenant, points) -> totals.put(tenant, points.stream().mapToDouble(p -> p[1]).sum()));
        List<String> shown = new ArrayList<>(totals.keySet().stream().filter(t -> !t.equals("other"))
                .sorted(Comparator.comparing((String t) -> -totals.get(t)).thenComparing(t -> t)).limit(tenants).toList());
        if (totals.containsKey("other")) {
            shown.add("other");
        }
        return shown;
    }

    private static Line line(MetricHistory history, String label, String metric, DoubleUnaryOperator toUnit) {
        List<double[]> points = new ArrayList<>();
        if (history != null) {
            for (MetricHistory.Sample s : history.samples(metric)) {
                double v = toUnit.applyAsDouble(s.value());
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    points.add(new double[] {s.timeMillis(), v});
                }
            }
        }
        return new Line(label, metric, points);
    }
}
