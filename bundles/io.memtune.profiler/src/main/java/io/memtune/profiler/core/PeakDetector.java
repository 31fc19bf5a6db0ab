package io.memtune.profiler.core;

import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

import io.memtune.api.profiler.MemorySnapshot;

/**
 * Decides when a snapshot shows a peak worth capturing: occupancy after GC or allocation rate at or over
 * its threshold, and no capture within the minimum interval (a sustained peak yields one capture per
 * interval, not one per snapshot).
 */
public final class PeakDetector {

    private final double occupancyThreshold;
    private final double allocationRateThreshold;
    private final long minIntervalMillis;
    private final LongSupplier clock;
    private long lastCapture = Long.MIN_VALUE;

    /**
     * @param occupancyThreshold heap occupancy after GC, 0..1
     * @param allocationRateThreshold bytes per second
     * @param minIntervalMillis the least time between two captures
     * @param clock milliseconds
     */
    public PeakDetector(double occupancyThreshold, double allocationRateThreshold, long minIntervalMillis,
            LongSupplier clock) {
        this.occupancyThreshold = occupancyThreshold;
        this.allocationRateThreshold = allocationRateThreshold;
        this.minIntervalMillis = minIntervalMillis;
        this.clock = clock;
    }

    /** The trigger to record when this snapshot should be captured; empty otherwise. */
    public synchronized Optional<String> check(MemorySnapshot s) {
        long now = clock.getAsLong();
        if (lastCapture != Long.MIN_VALUE && now - lastCapture < minIntervalMillis) {
            return Optional.empty();
        }
        String trigger = null;
        if (s.occupancyAfterGc() >= occupancyThreshold) {
            trigger = String.format(Locale.ROOT, "occupancy after GC %.3f >= %.3f", s.occupancyAfterGc(), occupancyThreshold);
        } else if (s.allocationRate() >= allocationRateThreshold) {
            trigger = String.format(Locale.ROOT, "allocation rate %.1f MB/s >= %.1f MB/s", s.allocationRate() / 1e6,
                    allocationRateThreshold / 1e6);
        }
        if (trigger != null) {
            lastCapture = now;
        }
        return Optional.ofNullable(trigger);
    }
}
