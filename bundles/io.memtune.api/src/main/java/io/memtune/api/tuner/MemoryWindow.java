package io.memtune.api.tuner;

import java.time.Duration;

/**
 * The JVM's memory as measured over a window of time, for sizing it: the heap's live set from the collections that
 * measured it, the allocation rate and GC time that size the young generation, the growth of the old generation
 * that says how often a full collection would come, and what the JVM holds besides the heap. Every figure is a
 * measurement of the running JVM; one that could not be measured is {@code -1} (sizes, counts) or NaN (rates).
 *
 * @param window how much time the figures cover (the window, or less when the JVM has not run that long)
 * @param collections garbage collections in the window
 * @param liveCollections those that measured the live set: whole-heap collections (a full collection of the
 *     Serial, Parallel or G1 collector, one asked for with {@code memtune:tune --collect}, or a cycle of a
 *     single-generation collector)
 * @param livePeak the most heap in use right after one of those, in bytes: the live set at its peak; -1 when none
 * @param liveLatest the same after the latest of them, in bytes; -1 when none
 * @param liveLatestAge how long ago the latest of them was; null when none
 * @param allocationRate bytes allocated per second, the highest over the window's ten-second intervals; NaN when no
 *     collection measured it
 * @param gcOverhead the share of the window's time spent in collection pauses, 0..1
 * @param youngPauseMillis the typical pause of a young collection (the median over the window's ten-second intervals of
 *     their mean pause); NaN when there was none
 * @param fullPauseMillisPerMb how long a whole-heap collection took per MB of live set, as one thread would take
 *     it (a collection by n threads counts n times its pause); NaN when none was measured
 * @param oldGrowthRate bytes per second by which the old generation grew between collections (promotions and
 *     objects allocated there directly), typically (the median over the window's ten-second intervals); NaN when not
 *     measured
 * @param metaspaceUsed the most class metadata in use since the JVM started (the {@code Metaspace} pool's peak), bytes
 * @param codeCacheUsed the most compiled code in use since the JVM started (the code heaps' peaks, summed), bytes
 * @param threadsPeak the most live threads since the JVM started
 * @param residentPeak the process's peak resident set ({@code VmHWM}), bytes; -1 off Linux
 * @param heapCommittedPeak the most heap committed after a collection in the window, bytes; -1 when none
 * @since 1.2
 */
public record MemoryWindow(Duration window, int collections, int liveCollections, long livePeak, long liveLatest,
        Duration liveLatestAge, double allocationRate, double gcOverhead, double youngPauseMillis,
        double fullPauseMillisPerMb, double oldGrowthRate, long metaspaceUsed, long codeCacheUsed, int threadsPeak,
        long residentPeak, long heapCommittedPeak) {

    /** Nothing measured: what a rule sees where no window is kept (an embedding that does not measure). */
    public static final MemoryWindow NONE = new MemoryWindow(Duration.ZERO, 0, 0, -1, -1, null, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, -1, -1, -1, -1, -1);

    /** Whether a whole-heap collection measured the live set in the window. */
    public boolean liveMeasured() {
        return liveCollections > 0 && livePeak > 0;
    }
}
