package io.memtune.tuner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.memtune.api.tuner.MemoryWindow;

/** What the window makes of the collections the JVM reports. */
class GcWindowTest {

    private static final long MB = 1024 * 1024;
    private static final GcWindow.NonHeap JVM = new GcWindow.NonHeap(27 * MB, 24 * MB, 90, 300 * MB);

    private static GcWindow.Collection young(long at, long beforeMb, long afterMb, long oldAfterMb) {
        return new GcWindow.Collection(at, false, 2.0, 1, beforeMb * MB, afterMb * MB, oldAfterMb * MB, 100 * MB);
    }

    private static GcWindow.Collection full(long at, long beforeMb, long afterMb, double pauseMillis, int threads) {
        return new GcWindow.Collection(at, true, pauseMillis, threads, beforeMb * MB, afterMb * MB, afterMb * MB, 120 * MB);
    }

    @Test
    void theLivePeakIsTheLargestHeapAfterAWholeHeapCollection() {
        GcWindow w = new GcWindow(Duration.ofMinutes(10), 0);
        w.record(young(1_000, 60, 50, 45)); // after a young collection the old generation still holds garbage: no live reading
        w.record(full(2_000, 80, 30, 60, 1));
        w.record(young(3_000, 70, 44, 40));
        w.record(full(4_000, 90, 36, 70, 1));
        w.record(full(5_000, 50, 33, 60, 1));
        MemoryWindow m = w.summary(6_000, JVM);
        assertEquals(3, m.liveCollections());
        assertEquals(36 * MB, m.livePeak());
        assertEquals(33 * MB, m.liveLatest());
        assertEquals(Duration.ofSeconds(1), m.liveLatestAge());
        assertEquals(5, m.collections());
        assertEquals(120 * MB, m.heapCommittedPeak());
    }

    @Test
    void allocationIsWhatTheHeapGrewByBetweenCollections() {
        GcWindow w = new GcWindow(Duration.ofMinutes(10), 0);
        w.record(young(1_000, 30, 10, 8));
        w.record(young(1_500, 60, 12, 9)); // 50 MB in 0.5 s
        w.record(young(2_500, 112, 14, 10)); // 100 MB in 1 s
        MemoryWindow m = w.summary(3_000, JVM);
        assertEquals(100.0 * MB, m.allocationRate(), 1.0);
        assertEquals(2.0, m.youngPauseMillis(), 1e-9);
    }

    @Test
    void theOldGenerationsGrowthIsTheMedianOverIntervalsSoTheStartDoesNotCount() {
        GcWindow w = new GcWindow(Duration.ofMinutes(10), 0);
        w.record(young(1_000, 40, 20, 10));
        w.record(young(9_000, 80, 80, 70)); // the caches filling at start: 60 MB in 8 s
        w.record(young(11_000, 90, 80, 71)); // then 1 MB per 2 s, interval after interval
        w.record(young(21_000, 90, 85, 76));
        w.record(young(31_000, 90, 90, 81));
        MemoryWindow m = w.summary(32_000, JVM);
        assertEquals(0.5 * MB, m.oldGrowthRate(), 1.0, "the median of 7.5, 0.5 and 0.5 MB/s");
    }

    @Test
    void aWholeHeapCollectionTellsWhatOneThreadTakesPerMbOfLiveSet() {
        GcWindow w = new GcWindow(Duration.ofMinutes(10), 0);
        w.record(full(1_000, 100, 10, 90, 1)); // start-up: little live, fixed costs dominate
        w.record(full(2_000, 120, 50, 100, 2)); // two threads, 100 ms, 50 MB: 4 ms per MB for one
        assertEquals(4.0, w.summary(3_000, JVM).fullPauseMillisPerMb(), 1e-9, "from the largest live set");
    }

    @Test
    void readingsOlderThanTheWindowLeaveIt() {
        GcWindow w = new GcWindow(Duration.ofMinutes(1), 0);
        w.record(full(1_000, 100, 60, 50, 1));
        w.record(young(100_000, 90, 30, 20));
        MemoryWindow m = w.summary(120_000, JVM);
        assertFalse(m.liveMeasured());
        assertEquals(-1, m.livePeak());
        assertEquals(1, m.collections());
        assertEquals(Duration.ofMinutes(1), m.window());
        assertEquals(1, w.liveReadings(), "counted since the window opened, for those who wait for one");
    }

    @Test
    void aWaitForAWholeHeapCollectionEndsWhenItIsRecordedOrTimesOut() throws Exception {
        GcWindow w = new GcWindow(Duration.ofMinutes(1), 0);
        assertFalse(w.awaitLiveReadings(1, Duration.ofMillis(50)));
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> w.awaitLiveReadings(1, Duration.ofSeconds(30)));
        w.record(full(1_000, 100, 60, 50, 1));
        assertTrue(waiting.get());
    }
}
