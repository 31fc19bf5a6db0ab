package io.memtune.profiler.core;


import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.memtune.api.profiler.LiveHeap;
import io.memtune.api.profiler.MemorySnapshot;

/**
 * Reads the JVM's memory from its MXBeans. Rates (GC overhead, allocation rate) cover the time since the
 * previous snapshot this taker took; occupancy is judged after GC (the pools' collection usage), not by
 * heap in use, which garbage inflates between collections.
 */
public final class SnapshotTaker {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final List<BufferPoolMXBean> buffers = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);
    private final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private long lastNanos = System.nanoTime();
    private long lastGcMillis = gcMillis();
    private long lastAllocated = allocated();

    public synchronized MemorySnapshot take() {
        long now = System.nanoTime();
        long gc = gcMillis();
        long allocated = allocated();
        double elapsedMillis = Math.max(1, (now - lastNanos) / 1_000_000.0);
        double overhead = Math.min(1.0, (gc - lastGcMillis) / elapsedMillis);
        double rate = allocated < 0 ? -1 : (allocated - lastAllocated) * 1000.0 / elapsedMillis;
        lastNanos = now;
        lastGcMillis = gc;
        lastAllocated = allocated;

        MemoryUsage heap = memory.getHeapMemoryUsage();
        List<MemorySnapshot.PoolUsage> usages = new ArrayList<>();
        long afterGc = 0;
        for (MemoryPoolMXBean pool : pools) {
            MemoryUsage u = pool.getUsage();
            MemoryUsage collected = pool.getCollectionUsage();
            boolean isHeap = pool.getType() == MemoryType.HEAP;
            afterGc += LiveHeap.usedAfterGc(pool);
            usages.add(new MemorySnapshot.PoolUsage(pool.getName(), isHeap, u.getUsed(), u.getCommitted(), u.getMax(),
                    collected == null ? -1 : collected.getUsed()));
        }
        long direct = buffers.stream().filter(b -> "direct".equals(b.getName())).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        double occupancy = heap.getMax() > 0 ? (double) afterGc / heap.getMax() : 0;
        return new MemorySnapshot(Instant.now(), heap.getUsed(), heap.getCommitted(), heap.getMax(), afterGc, occupancy,
                overhead, rate, threads.getThreadCount(), ManagementFactory.getClassLoadingMXBean().getLoadedClassCount(),
                direct, usages);
    }

    private long gcMillis() {
        return collectors.stream().mapToLong(c -> Math.max(0, c.getCollectionTime())).sum();
    }

    private long allocated() {
        if (threads instanceof com.sun.management.ThreadMXBean) {
            com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) threads;
            if (hotspot.isThreadAllocatedMemorySupported() && hotspot.isThreadAllocatedMemoryEnabled()) {
                return hotspot.getTotalThreadAllocatedBytes();
            }
        }
        return -1;
    }
}
