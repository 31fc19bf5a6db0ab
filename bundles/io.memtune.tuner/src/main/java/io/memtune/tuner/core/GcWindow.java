package io.memtune.tuner.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The collections of the last {@code window} and what they measured: each one's pause and the heap before and after
 * it, told by the JVM when it ends (so nothing between two samples is missed). From them: the live set (the heap
 * after each whole-heap collection), the allocation rate (what the heap grew by between one collection and the
 * next), the old generation's growth between collections, the share of time in pauses, the young pause, and how long
 * a whole-heap collection takes per MB of live set. Kept in ten-second intervals, so the memory is bounded whatever
 * the collection rate. Thread-safe: the JVM's notification thread records, a command reads.
 */
public final class GcWindow {

    /**
     * One collection as the JVM reported it when it ended.
     *
     * @param endMillis when it ended (wall clock)
     * @param wholeHeap whether it collected the whole heap (its heap-after is then the live set)
     * @param pauseMillis how long it stopped the application
     * @param threads how many threads did the work (Serial: 1), to tell what one thread would have taken
     * @param heapBefore heap in use before it
     * @param heapAfter heap in use after it
     * @param oldAfter old generation in use after it (the whole heap for a single-generation collector)
     * @param heapCommitted heap committed after it
     */
    public record Collection(long endMillis, boolean wholeHeap, double pauseMillis, int threads, long heapBefore, long heapAfter,
            long oldAfter, long heapCommitted) {
    }

    static final long INTERVAL_MILLIS = 10_000;
    private static final double MB = 1024.0 * 1024.0;

    /** One ten-second interval's sums. */
    private static final class Interval {
        final long start;
        int collections;
        int young;
        double pauseMillis;
        double youngPauseMillis;
        long allocated;
        long allocationMillis;
        long oldGrowth;
        long growthMillis;

        Interval(long start) {
            this.start = start;
        }
    }

    /** A whole-heap collection's reading. */
    private record Live(long time, long bytes, double millisPerMb) {
    }

    private final long windowMillis;
    private final long startedMillis;
    private final Deque<Interval> intervals = new ArrayDeque<>();
    private final Deque<Live> live = new ArrayDeque<>();
    private long lastEnd = -1;
    private long lastHeapAfter = -1;
    private long lastOldAfter = -1;
    private long committedPeak = -1;
    private long liveReadings;

    /**
     * @param window how far back the figures reach
     * @param nowMillis when the window opens (the JVM's start, or when the tuner started watching)
     */
    public GcWindow(Duration window, long nowMillis) {
        this.windowMillis = Math.max(INTERVAL_MILLIS, window.toMillis());
        this.startedMillis = nowMillis;
    }

    public synchronized void record(Collection c) {
        Interval i = interval(c.endMillis());
        i.collections++;
        i.pauseMillis += c.pauseMillis();
        if (lastEnd >= 0 && c.endMillis() > lastEnd && c.heapBefore() >= lastHeapAfter) {
            // what the application allocated since the previous collection ended, at the rate of that stretch
            i.allocated += c.heapBefore() - lastHeapAfter;
            i.allocationMillis += c.endMillis() - lastEnd;
        }
        if (c.wholeHeap()) {
            double mb = Math.max(1.0, c.heapAfter() / MB);
            live.addLast(new Live(c.endMillis(), c.heapAfter(), c.pauseMillis() * Math.max(1, c.threads()) / mb));
            liveReadings++;
            notifyAll();
        } else {
            i.young++;
            i.youngPauseMillis += c.pauseMillis();
            if (lastOldAfter >= 0 && lastEnd >= 0 && c.endMillis() > lastEnd) {
                i.oldGrowth += Math.max(0, c.oldAfter() - lastOldAfter);
                i.growthMillis += c.endMillis() - lastEnd;
            }
        }
        committedPeak = Math.max(committedPeak, c.heapCommitted());
        lastEnd = c.endMillis();
        lastHeapAfter = c.heapAfter();
        lastOldAfter = c.oldAfter();
        prune(c.endMillis());
    }

    /** How many whole-heap collections were recorded since the window was opened (also those pruned since). */
    public synchronized long liveReadings() {
        return liveReadings;
    }

    /** Waits until {@code count} whole-heap collections were recorded; false when the timeout came first. */
    public synchronized boolean awaitLiveReadings(long count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (liveReadings < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Interval interval(long time) {
        long start = time - Math.floorMod(time, INTERVAL_MILLIS);
        Interval last = intervals.peekLast();
        if (last == null || last.start < start) {
            last = new Interval(start);
            intervals.addLast(last);
        }
        return last; // a late report (clock step) counts in the latest interval
    }

    private void prune(long now) {
        while (!intervals.isEmpty() && intervals.peekFirst().start + INTERVAL_MILLIS <= now - windowMillis) {
            intervals.removeFirst();
        }
        while (!live.isEmpty() && live.peekFirst().time() < now - windowMillis) {
            live.removeFirst();
        }
    }

    /**
     * The window's figures now, with the JVM's other memory filled in by the caller.
     *
     * @param nowMillis the time now
     * @param jvm what the JVM holds besides the heap, measured now (metaspace, code cache, threads, resident peak)
     */
    public synchronized io.memtune.api.tuner.MemoryWindow summary(long nowMillis, NonHeap jvm) {
        prune(nowMillis);
        long from = Math.max(startedMillis, nowMillis - windowMillis);
        double covered = Math.max(1, nowMillis - from);
        int collections = 0;
        double pause = 0;
        double peakRate = Double.NaN;
        List<Double> youngPauses = new ArrayList<>();
        List<Double> growthRates = new ArrayList<>();
        for (Interval i : intervals) {
            collections += i.collections;
            pause += i.pauseMillis;
            if (i.young > 0) {
                youngPauses.add(i.youngPauseMillis / i.young);
            }
            if (i.allocationMillis > 0) {
                double rate = i.allocated * 1000.0 / i.allocationMillis;
                peakRate = Double.isNaN(peakRate) ? rate : Math.max(peakRate, rate);
            }
            if (i.growthMillis > 0) {
                growthRates.add(i.oldGrowth * 1000.0 / i.growthMillis);
            }
        }
        long livePeak = -1;
        Live largest = null;
        for (Live l : live) {
            livePeak = Math.max(livePeak, l.bytes());
            largest = largest == null || l.bytes() >= largest.bytes() ? l : largest;
        }
        Live latest = live.peekLast();
        return new io.memtune.api.tuner.MemoryWindow(Duration.ofMillis((long) covered), collections, live.size(), livePeak,
                latest == null ? -1 : latest.bytes(), latest == null ? null : Duration.ofMillis(Math.max(0, nowMillis - latest.time())),
                peakRate, Math.min(1.0, pause / covered), median(youngPauses),
                largest == null ? Double.NaN : largest.millisPerMb(), median(growthRates), jvm.metaspaceUsed(), jvm.codeCacheUsed(),
                jvm.threadsPeak(), jvm.residentPeak(), committedPeak);
    }

    /**
     * The typical value over the intervals (the old generation's growth, the young pause): the median, so that the
     * minutes in which the caches filled (the start, a new tenant's first requests) do not stand for the steady state.
     */
    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * What the JVM holds besides the heap, read when the window is summed up.
     *
     * @param metaspaceUsed peak bytes of class metadata, -1 unknown
     * @param codeCacheUsed peak bytes of compiled code, -1 unknown
     * @param threadsPeak peak live threads, -1 unknown
     * @param residentPeak the process's peak resident set, -1 unknown
     */
    public record NonHeap(long metaspaceUsed, long codeCacheUsed, int threadsPeak, long residentPeak) {
    }
}
