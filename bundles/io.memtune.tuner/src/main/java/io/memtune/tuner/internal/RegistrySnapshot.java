package io.memtune.tuner.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Sampling;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;

/** The registry as plain numbers for {@link io.memtune.api.tuner.TuningContext#measurements()}. */
final class RegistrySnapshot {

    private static final double NANOS_PER_MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    private RegistrySnapshot() {
    }

    static Map<String, Double> of(MetricRegistry registry) {
        Map<String, Double> values = new HashMap<>();
        if (registry == null) {
            return values;
        }
        registry.getMetrics().forEach((name, metric) -> {
            if (metric instanceof Gauge) {
                Object v;
                try {
                    v = ((Gauge<?>) metric).getValue();
                } catch (RuntimeException e) {
                    return; // a gauge whose source went away: not a measurement
                }
                if (v instanceof Number && Double.isFinite(((Number) v).doubleValue())) {
                    values.put(name, ((Number) v).doubleValue());
                }
            } else if (metric instanceof Sampling) {
                Snapshot s = ((Sampling) metric).getSnapshot();
                double scale = metric instanceof Timer ? NANOS_PER_MILLI : 1;
                values.put(name + ".p50", s.getMedian() / scale);
                values.put(name + ".p99", s.get99thPercentile() / scale);
            }
        });
        return values;
    }
}
