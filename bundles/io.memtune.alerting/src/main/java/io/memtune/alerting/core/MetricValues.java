package io.memtune.alerting.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

/**
 * The value a rule judges, read from the registry: a gauge's value, a counter's or meter's count, a timer's
 * 99th percentile in milliseconds; for {@code rate>}, the per-second increase of the count (or gauge) over
 * the rule's window, from samples kept here.
 */
public final class MetricValues {

    private final Map<String, Deque<long[]>> samples = new HashMap<>(); // series -> [time, value bits]

    /** The rule's series and values now (a prefix rule: every matching series). */
    public Map<String, Double> read(Rule rule, MetricRegistry registry, long now) {
        Map<String, Double> values = new HashMap<>();
        boolean prefix = rule.metric().endsWith("*");
        String base = prefix ? rule.metric().substring(0, rule.metric().length() - 1) : rule.metric();
        for (Map.Entry<String, Metric> e : registry.getMetrics().entrySet()) {
            if (prefix ? e.getKey().startsWith(base) : e.getKey().equals(base)) {
                values.put(e.getKey(), value(rule, e.getKey(), e.getValue(), now));
            }
        }
        if (values.isEmpty() && !prefix) {
            values.put(base, Double.NaN); // absent: the condition does not hold, a firing alert clears
        }
        return values;
    }

    private double value(Rule rule, String series, Metric metric, long now) {
        double raw = raw(metric, rule.condition());
        if (rule.condition() != Rule.Condition.RATE_ABOVE || Double.isNaN(raw)) {
            return raw;
        }
        Deque<long[]> window = samples.computeIfAbsent(rule.name() + "|" + series, k -> new ArrayDeque<>());
        window.addLast(new long[] {now, Double.doubleToLongBits(raw)});
        while (window.size() > 2 && now - window.peekFirst()[0] > rule.windowMillis()) {
            window.removeFirst();
        }
        long[] first = window.peekFirst();
        double seconds = (now - first[0]) / 1000.0;
        return seconds <= 0 ? 0 : (raw - Double.longBitsToDouble(first[1])) / seconds;
    }

    static double raw(Metric metric, Rule.Condition condition) {
        try {
            if (metric instanceof Gauge) {
                Object v = ((Gauge<?>) metric).getValue();
                return v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
            }
            if (metric instanceof Counter) {
                return ((Counter) metric).getCount();
            }
            if (metric instanceof Meter) {
                return ((Meter) metric).getCount();
            }
            if (metric instanceof Timer) {
                Timer t = (Timer) metric;
                return condition == Rule.Condition.RATE_ABOVE ? t.getCount()
                        : t.getSnapshot().get99thPercentile() / TimeUnit.MILLISECONDS.toNanos(1);
            }
            if (metric instanceof Histogram) {
                Histogram h = (Histogram) metric;
                return condition == Rule.Condition.RATE_ABOVE ? h.getCount() : h.getSnapshot().get99thPercentile();
            }
        } catch (RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
