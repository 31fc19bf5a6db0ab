package io.memtune.api.profiler;

import java.time.Instant;
import java.util.List;

/**
 * The JVM's memory at one moment.
 *
 * @param time when
 * @param heapUsed heap in use now (garbage included)
 * @param heapCommitted heap committed
 * @param heapMax the heap's limit, or -1
 * @param heapUsedAfterGc heap in use after the last collection (the live set): what peaks are judged by
 * @param occupancyAfterGc {@code heapUsedAfterGc / heapMax}, 0 when the limit is unknown
 * @param gcOverhead the share of wall time spent in GC since the previous snapshot, 0..1
 * @param allocationRate bytes allocated per second since the previous snapshot
 * @param liveThreads threads alive
 * @param loadedClasses classes loaded
 * @param directBytes direct buffer memory in use
 * @param pools every memory pool
 */
public record MemorySnapshot(Instant time, long heapUsed, long heapCommitted, long heapMax, long heapUsedAfterGc,
        double occupancyAfterGc, double gcOverhead, double allocationRate, int liveThreads, int loadedClasses,
        long directBytes, List<PoolUsage> pools) {

    public MemorySnapshot {
        pools = List.copyOf(pools);
    }

    /**
     * One memory pool.
     *
     * @param name e.g. {@code G1 Old Gen}
     * @param heap whether it is part of the heap
     * @param used in use now
     * @param committed committed
     * @param max its limit, or -1
     * @param usedAfterGc in use after the last collection of this pool, or -1 when not collected
     */
    public record PoolUsage(String name, boolean heap, long used, long committed, long max, long usedAfterGc) {
    }
}
