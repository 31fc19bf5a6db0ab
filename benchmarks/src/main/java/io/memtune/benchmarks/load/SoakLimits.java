package io.memtune.benchmarks.load;

import java.time.Duration;

/**
 * What a soak may show and still pass (docs/reliability.md, "Soak", says why each value). Each has a
 * {@code soak.max.*} property, so a run can be judged more strictly (or a tightened limit shown to fail).
 *
 * @param heapSlopeKbPerMinute least-squares slope of the live heap after a full collection, after the warm-up:
 *     2048 KB/min for a short soak, {@value #LONG_SOAK_HEAP_SLOPE_KB} for one of {@value #LONG_SOAK_MINUTES}
 *     minutes or more (its slope is known more precisely: see docs/reliability.md)
 * @param heapGrowthMb the live heap at the end less at the start (medians of their samples)
 * @param threads live threads at the end (least of the last samples) above the start (most of the first ones)
 * @param openFiles open file descriptors, likewise
 * @param classes loaded classes (hidden ones included), likewise
 * @param classLoaders class loaders but the JDK's reflection loaders, likewise
 */
record SoakLimits(double heapSlopeKbPerMinute, double heapGrowthMb, long threads, long openFiles, long classes, long classLoaders) {

    static final int LONG_SOAK_MINUTES = 10;
    static final int SHORT_SOAK_HEAP_SLOPE_KB = 2048;
    static final int LONG_SOAK_HEAP_SLOPE_KB = 128;

    static SoakLimits from(SoakPlan.Settings s, Duration length) {
        double slope = length.compareTo(Duration.ofMinutes(LONG_SOAK_MINUTES)) >= 0 ? LONG_SOAK_HEAP_SLOPE_KB : SHORT_SOAK_HEAP_SLOPE_KB;
        return new SoakLimits(s.number("soak.max.heap.slope.kb", slope), s.number("soak.max.heap.growth.mb", 4),
                (long) s.number("soak.max.thread.growth", 4), (long) s.number("soak.max.fd.growth", 4),
                (long) s.number("soak.max.class.growth", 100), (long) s.number("soak.max.loader.growth", 1));
    }
}
