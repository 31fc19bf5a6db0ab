package io.memtune.api.metrics;

import java.time.Duration;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A short history of the key series (heap after GC, GC overhead, allocation rate, render latency, ...):
 * one sample per resolution, the last {@link #capacity()} kept, for the dashboard and
 * {@code memtune:metrics --watch}.
 */
@ProviderType
public interface MetricHistory {

    /** The series kept, by metric name. */
    List<String> seriesNames();

    /** A series' samples, oldest first; empty for a name not kept. */
    List<Sample> samples(String name);

    Duration resolution();

    int capacity();

    /**
     * One sample.
     *
     * @param timeMillis when it was taken, milliseconds since the epoch
     * @param value the value then
     */
    record Sample(long timeMillis, double value) {
    }
}
