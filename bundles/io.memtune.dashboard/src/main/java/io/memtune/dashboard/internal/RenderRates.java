package io.memtune.dashboard.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.codahale.metrics.Counting;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;

import io.memtune.api.metrics.MetricNames;

/**
 * Renders per second of each tenant, over time: the metric history keeps a render timer's 99th percentile, not its
 * rate, so the dashboard samples the timers' counts itself ({@code memtune.template.render{tenant=...}}, read
 * generically from the registry: a tenant folded into {@code other} by the template bundle is just another series).
 * One sample per tenant per interval, the last {@code capacity} kept; each point of the series is the rate over the
 * {@code smoothing} before it (a one-second rate of a few renders a second is mostly noise). At most
 * {@link #MAX_TENANTS} tenants (more are left out: the template bundle bounds its own).
 *
 * <p>{@link #sample} is called by one thread; {@link #series} may be read by any.
 */
final class RenderRates {

    static final String RENDER = MetricRegistry.name("memtune", "template", "render");
    static final int MAX_TENANTS = 100;

    /** A tenant's renders so far, counted across restarts of the template bundle (whose timers begin again). */
    private static final class Counts {
        final Deque<long[]> samples = new ArrayDeque<>(); // [epochMillis, total]
        long lastSeen = -1;
        long total;
    }

    private final Supplier<MetricRegistry> registry;
    private final int capacity;
    private final long smoothingMillis;
    private final Map<String, Counts> tenants = new LinkedHashMap<>();

    RenderRates(Supplier<MetricRegistry> registry, int capacity, long smoothingMillis) {
        this.registry = registry;
        this.capacity = capacity;
        this.smoothingMillis = smoothingMillis;
    }

    /** Takes one sample of each tenant's render count. */
    synchronized void sample(long nowMillis) {
        MetricRegistry r = registry.get();
        if (r == null) {
            return;
        }
        for (Map.Entry<String, Metric> e : r.getMetrics().entrySet()) {
            String tenant = tenant(e.getKey());
            if (tenant == null || !(e.getValue() instanceof Counting counting)
                    || !tenants.containsKey(tenant) && tenants.size() >= MAX_TENANTS) {
                continue;
            }
            Counts c = tenants.computeIfAbsent(tenant, t -> new Counts());
            long count = counting.getCount();
            if (c.lastSeen >= 0) {
                c.total += count >= c.lastSeen ? count - c.lastSeen : count; // went down: counting began again
            }
            c.lastSeen = count;
            c.samples.addLast(new long[] {nowMillis, c.total});
            while (c.samples.size() > capacity) {
                c.samples.removeFirst();
            }
        }
    }

    /** Each tenant's renders per second, oldest first, {@code [epochMillis, rate]}: over the smoothing before each. */
    synchronized Map<String, List<double[]>> series() {
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        tenants.forEach((tenant, c) -> {
            List<long[]> s = new ArrayList<>(c.samples);
            List<double[]> points = new ArrayList<>(s.size());
            int from = 0;
            for (int i = 1; i < s.size(); i++) {
                while (from < i - 1 && s.get(i)[0] - s.get(from + 1)[0] >= smoothingMillis) {
                    from++;
                }
                double seconds = (s.get(i)[0] - s.get(from)[0]) / 1000.0;
                points.add(new double[] {s.get(i)[0], seconds <= 0 ? 0 : (s.get(i)[1] - s.get(from)[1]) / seconds});
            }
            out.put(tenant, points);
        });
        return out;
    }

    /** The tenant of a render timer's name, or null for another metric. */
    static String tenant(String metricName) {
        return MetricNames.base(metricName).equals(RENDER) ? MetricNames.labels(metricName).get("tenant") : null;
    }
}
