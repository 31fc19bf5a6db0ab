package io.memtune.profiler.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.memtune.api.profiler.MemorySnapshot;

class PeakDetectorTest {

    private static MemorySnapshot snapshot(double occupancy, double allocationRate) {
        return new MemorySnapshot(Instant.EPOCH, 0, 0, 100, (long) (occupancy * 100), occupancy, 0, allocationRate, 1, 1, 0,
                List.of());
    }

    @Test
    void capturesAtMostOncePerMinimumIntervalDuringASustainedPeak() {
        AtomicLong clock = new AtomicLong();
        PeakDetector detector = new PeakDetector(0.8, 1e9, 60_000, clock::get);
        assertEquals(Optional.empty(), detector.check(snapshot(0.5, 0)));
        assertTrue(detector.check(snapshot(0.9, 0)).orElseThrow().startsWith("occupancy after GC 0.900 >= 0.800"));
        clock.addAndGet(59_999);
        assertEquals(Optional.empty(), detector.check(snapshot(0.95, 0)));
        clock.addAndGet(1);
        assertTrue(detector.check(snapshot(0.95, 0)).isPresent());
    }

    @Test
    void allocationRateAloneTriggersToo() {
        PeakDetector detector = new PeakDetector(0.99, 500e6, 0, () -> 0);
        assertTrue(detector.check(snapshot(0.1, 812e6)).orElseThrow().contains("allocation rate 812.0 MB/s >= 500.0 MB/s"));
    }
}
