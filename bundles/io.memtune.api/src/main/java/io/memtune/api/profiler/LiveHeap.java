package io.memtune.api.profiler;

import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * The heap's live set as the JVM lets one read it cheaply: per heap pool, what was left after its last
 * collection. Every bundle that judges memory pressure (admission, alerts, snapshots, the tuner) reads it the
 * same way, through here.
 * <p>
 * A pool's reading after collection can be stale: G1 refreshes the old generation's only at mixed, full or
 * concurrent cycles, while young collections also free old regions (humongous objects, such as large request
 * bodies, are reclaimed eagerly). A pool cannot hold more live data than it holds now, so each pool counts the
 * smaller of the two readings; otherwise a service recovered from a peak would be judged full (and refuse work,
 * and keep an alert firing) until the next old-generation cycle, which an idle heap may never start.
 */
public final class LiveHeap {

    private LiveHeap() {
    }

    /** Bytes in use after the last collection, summed over the collected heap pools of {@code pools}. */
    public static long usedAfterGc(Iterable<MemoryPoolMXBean> pools) {
        long sum = 0;
        for (MemoryPoolMXBean pool : pools) {
            sum += usedAfterGc(pool);
        }
        return sum;
    }

    /** One pool's bytes in use after its last collection; 0 for a pool outside the heap or never collected. */
    public static long usedAfterGc(MemoryPoolMXBean pool) {
        MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
        if (afterGc == null) {
            return 0;
        }
        MemoryUsage now = pool.getUsage();
        return now == null ? afterGc.getUsed() : Math.min(afterGc.getUsed(), now.getUsed());
    }
}
