package io.memtune.concurrency.core;


import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.List;
import java.util.function.DoubleSupplier;

import io.memtune.api.profiler.LiveHeap;

/**
 * Heap occupancy after the last collection (the live set over the maximum heap), read at most every
 * {@code maxAgeNanos}: cheap enough to ask on every admission.
 */
public final class HeapOccupancy implements DoubleSupplier {

    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
    private final long maxHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    private final long maxAgeNanos;
    private volatile long readAt;
    private volatile double value;

    public HeapOccupancy(long maxAgeNanos) {
        this.maxAgeNanos = maxAgeNanos;
        this.readAt = System.nanoTime() - maxAgeNanos - 1;
    }

    @Override
    public double getAsDouble() {
        long now = System.nanoTime();
        if (now - readAt > maxAgeNanos) {
            long afterGc = LiveHeap.usedAfterGc(pools);
            value = maxHeap > 0 ? (double) afterGc / maxHeap : 0;
            readAt = now;
        }
        return value;
    }
}
