package io.memtune.monitoring.core;


import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.List;
import java.util.function.LongSupplier;

import io.memtune.api.profiler.LiveHeap;

/**
 * What the stock JVM metric sets leave out, sampled on an interval: GC time in the last interval and its
 * share of wall time (cumulative counters hide a GC storm that started a minute ago), the allocation rate
 * (from {@code com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes}), and the heap in use after
 * the last collection summed over the heap pools (the live set, what capacity is judged by).
 *
 * <p>{@link #sample()} is called by one thread; the getters may be read by any.
 */
public final class JvmRates {

    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
    private final LongSupplier allocatedBytes = allocatedBytesSupplier();
    private final LongSupplier clock;

    private long lastTime;
    private long lastGcMillis;
    private long lastAllocated;
    private volatile double gcMillisInInterval;
    private volatile double gcOverhead;
    private volatile double allocationRate;

    /** @param clock milliseconds, for tests */
    public JvmRates(LongSupplier clock) {
        this.clock = clock;
        this.lastTime = clock.getAsLong();
        this.lastGcMillis = gcMillis();
        this.lastAllocated = allocatedBytes.getAsLong();
    }

    public JvmRates() {
        this(System::currentTimeMillis);
    }

    /** Takes one sample: the rates cover the time since the previous one. */
    public synchronized void sample() {
        long now = clock.getAsLong();
        long gc = gcMillis();
        long allocated = allocatedBytes.getAsLong();
        long elapsed = Math.max(1, now - lastTime);
        gcMillisInInterval = gc - lastGcMillis;
        gcOverhead = Math.min(1.0, (double) (gc - lastGcMillis) / elapsed);
        allocationRate = allocated < 0 || lastAllocated < 0 ? -1 : (allocated - lastAllocated) * 1000.0 / elapsed;
        lastTime = now;
        lastGcMillis = gc;
        lastAllocated = allocated;
    }

    /** Milliseconds spent in GC during the last interval. */
    public double gcMillisInInterval() {
        return gcMillisInInterval;
    }

    /** Share of the last interval spent in GC, 0..1. */
    public double gcOverhead() {
        return gcOverhead;
    }

    /** Bytes allocated per second in the last interval, -1 when the JVM cannot tell. */
    public double allocationRate() {
        return allocationRate;
    }

    /** Heap in use after the last collection, summed over the collected heap pools. */
    public long heapUsedAfterGc() {
        return LiveHeap.usedAfterGc(pools);
    }

    private long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /** The total allocated by all threads, or -1 on a JVM without the HotSpot extension. */
    static LongSupplier allocatedBytesSupplier() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean) {
            com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) threads;
            if (hotspot.isThreadAllocatedMemorySupported() && hotspot.isThreadAllocatedMemoryEnabled()) {
                return hotspot::getTotalThreadAllocatedBytes;
            }
        }
        return () -> -1;
    }
}
