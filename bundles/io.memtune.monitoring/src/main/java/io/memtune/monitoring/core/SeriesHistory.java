package io.memtune.monitoring.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

import io.memtune.api.metrics.MetricHistory;

/**
 * Ring buffers of the key series, one sample per tick. A series is named by a metric name, or by a prefix
 * ending in {@code *} that takes every metric starting with it (up to a bound on the series kept). What is
 * recorded: a gauge's value, a counter's count, a meter's one-minute rate, the 99th percentile of a
 * histogram, and of a timer in milliseconds. A series is dropped when its metric leaves the registry (the series
 * of a tenant idle past its expiry, of a bundle stopped).
 */
public final class SeriesHistory implements MetricHistory {

    private static final int MAX_SERIES = 256;

    private final List<String> patterns;
    private final int capacity;
    private final Duration resolution;
    private final Map<String, Ring> series = new ConcurrentHashMap<>();

    public SeriesHistory(List<String> patterns, int capacity, Duration resolution) {
        this.patterns = List.copyOf(patterns);
        this.capacity = capacity;
        this.resolution = resolution;
    }

    /** Records one sample of every series from the registry. */
    public void record(MetricRegistry registry, long nowMillis) {
        Map<String, Metric> metrics = registry.getMetrics();
        // a series whose metric left the registry (an idle tenant's, a stopped bundle's) makes room for live ones
        series.keySet().removeIf(name -> !metrics.containsKey(name));
        for (Map.Entry<String, Metric> e : metrics.entrySet()) {
            if (!matches(e.getKey())) {
                continue;
            }
            Ring ring = series.get(e.getKey());
            if (ring == null) {
                if (series.size() >= MAX_SERIES) {
                    continue;
                }
                ring = series.computeIfAbsent(e.getKey(), k -> new Ring(capacity));
            }
            double value = valueOf(e.getValue());
            if (!Double.isNaN(value)) {
                ring.add(nowMillis, value);
            }
        }
    }

    private boolean matches(String name) {
        for (String p : patterns) {
            if (p.endsWith("*") ? name.startsWith(p.substring(0, p.length() - 1)) : name.equals(p)) {
                return true;
            }
        }
        return false;
    }

    /** The one number a metric is summarised by (see the class comment); NaN for none. */
    public static double valueOf(Metric metric) {
        try {
            if (metric instanceof Gauge) {
                Object v = ((Gauge<?>) metric).getValue();
                return v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
            }
            if (metric instanceof Counter) {
                return ((Counter) metric).getCount();
            }
            if (metric instanceof Meter) {
                return ((Meter) metric).getOneMinuteRate();
            }
            if (metric instanceof Timer) {
                return ((Timer) metric).getSnapshot().get99thPercentile() / TimeUnit.MILLISECONDS.toNanos(1);
            }
            if (metric instanceof Histogram) {
                return ((Histogram) metric).getSnapshot().get99thPercentile();
            }
        } catch (RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    @Override
    public List<String> seriesNames() {
        List<String> names = new ArrayList<>(series.keySet());
        names.sort(null);
        return names;
    }

    @Override
    public List<Sample> samples(String name) {
        Ring ring = series.get(name);
        return ring == null ? List.of() : ring.samples();
    }

    @Override
    public Duration resolution() {
        return resolution;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /** A fixed-size ring of samples. */
    private static final class Ring {
        private final long[] times;
        private final double[] values;
        private int next;
        private int size;

        Ring(int capacity) {
            times = new long[capacity];
            values = new double[capacity];
        }

        synchronized void add(long time, double value) {
            times[next] = time;
            values[next] = value;
            next = (next + 1) % times.length;
            size = Math.min(size + 1, times.length);
        }

        synchronized List<Sample> samples() {
            List<Sample> out = new ArrayList<>(size);
            int start = (next - size + times.length) % times.length;
            for (int i = 0; i < size; i++) {
                int at = (start + i) % times.length;
                out.add(new Sample(times[at], values[at]));
            }
            return out;
        }
    }
}
