package io.memtune.tuner.internal;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;

import io.memtune.tuner.core.Facts;
import io.memtune.tuner.core.FootprintTexts;
import io.memtune.tuner.core.GcWindow;

/**
 * Feeds a {@link GcWindow} with every collection as the JVM reports its end (the HotSpot GC notifications): the heap
 * pools before and after it, its pause, whether it collected the whole heap. Runs on the JVM's notification thread,
 * so it only adds up a few numbers. G1's concurrent-cycle pauses (JDK 20+) are left out: they move nothing, so their
 * heap-after says nothing about the live set.
 */
final class GcListener implements NotificationListener, AutoCloseable {

    private final GcWindow window;
    private final long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    private final Set<String> heapPools;
    private final Set<String> oldPools;
    private final int parallelThreads;
    private final List<NotificationEmitter> emitters = new ArrayList<>();

    GcListener(GcWindow window) {
        this.window = window;
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        this.heapPools = pools.stream().filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toUnmodifiableSet());
        this.oldPools = heapPools.stream().filter(FootprintTexts::isOldGeneration).collect(Collectors.toUnmodifiableSet());
        this.parallelThreads = (int) Math.max(1, parseLong(Facts.jvmFlags().get("ParallelGCThreads")));
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter) {
                NotificationEmitter emitter = (NotificationEmitter) gc;
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        if (info.getGcName().contains("Concurrent")) {
            return;
        }
        GcInfo gc = info.getGcInfo();
        Map<String, MemoryUsage> before = gc.getMemoryUsageBeforeGc();
        Map<String, MemoryUsage> after = gc.getMemoryUsageAfterGc();
        boolean singleGeneration = oldPools.isEmpty();
        boolean wholeHeap = singleGeneration ? info.getGcName().endsWith("Cycles") : info.getGcAction().contains("major");
        boolean serial = info.getGcName().equals("Copy") || info.getGcName().equals("MarkSweepCompact");
        window.record(new GcWindow.Collection(jvmStart + gc.getEndTime(), wholeHeap, gc.getDuration(), serial ? 1 : parallelThreads,
                sum(before, heapPools, false), sum(after, heapPools, false), sum(after, singleGeneration ? heapPools : oldPools, false),
                sum(after, heapPools, true)));
    }

    private static long sum(Map<String, MemoryUsage> usage, Set<String> pools, boolean committed) {
        long sum = 0;
        for (String pool : pools) {
            MemoryUsage u = usage.get(pool);
            sum += u == null ? 0 : committed ? u.getCommitted() : u.getUsed();
        }
        return sum;
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException | NullPointerException e) {
            return 1;
        }
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (ListenerNotFoundException e) {
                // already gone
            }
        }
        emitters.clear();
    }
}
