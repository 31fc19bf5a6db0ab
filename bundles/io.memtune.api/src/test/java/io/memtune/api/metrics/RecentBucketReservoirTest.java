package io.memtune.api.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

import com.codahale.metrics.Snapshot;

class RecentBucketReservoirTest {

    private static final double[] QUANTILES = {0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1};

    private final AtomicLong clock = new AtomicLong(5_000_000_000L);

    @Test
    void quantilesAreWithinTheStatedRelativeErrorOfTheExactOnes() {
        SplittableRandom random = new SplittableRandom(42);
        List<LongSupplier> distributions = List.of(
                () -> random.nextLong(10_000_000), // uniform up to 10 ms
                () -> (long) Math.exp(Math.log(200_000) + 1.5 * random.nextGaussian()), // log-normal around 200 µs
                () -> (long) (-1_000_000 * Math.log(1 - random.nextDouble())), // exponential, mean 1 ms
                () -> random.nextInt(10) == 0 ? 50_000_000 + random.nextLong(5_000_000) // bimodal: 10 % slow
                        : 20_000 + random.nextLong(5_000),
                () -> random.nextLong(20_000)); // all in the finest buckets (below 16 µs each unit has one)
        for (int d = 0; d < distributions.size(); d++) {
            RecentBucketReservoir reservoir = RecentBucketReservoir.latencies().clock(clock::get).build();
            long[] values = new long[100_000];
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.min(distributions.get(d).getAsLong(), reservoir.highest());
                reservoir.update(values[i]);
            }
            Arrays.sort(values);
            Snapshot snapshot = reservoir.getSnapshot();
            for (double q : QUANTILES) {
                long exact = values[(int) Math.max(0, Math.ceil(q * values.length) - 1)];
                assertWithinBound(reservoir, exact, snapshot.getValue(q), "distribution " + d + ", quantile " + q);
            }
            assertWithinBound(reservoir, values[0], snapshot.getMin(), "distribution " + d + ", min");
            assertWithinBound(reservoir, values[values.length - 1], snapshot.getMax(), "distribution " + d + ", max");
            double mean = Arrays.stream(values).average().orElseThrow();
            assertTrue(Math.abs(snapshot.getMean() - mean) <= mean * reservoir.relativeError() + reservoir.unit() / 2.0,
                    "distribution " + d + ", mean " + snapshot.getMean() + " for " + mean);
            assertEquals(values.length, snapshot.size());
        }
    }

    private static void assertWithinBound(RecentBucketReservoir reservoir, long exact, double reported, String what) {
        double bound = Math.max(exact * reservoir.relativeError(), reservoir.unit() / 2.0);
        assertTrue(Math.abs(reported - exact) <= bound, what + ": " + reported + " for " + exact + " (bound " + bound + ")");
    }

    @Test
    void forgetsIntervalsOlderThanItsWindowSoPercentilesFollowTheLoadDown() {
        RecentBucketReservoir reservoir = RecentBucketReservoir.latencies().clock(clock::get).build();
        reservoir.update(TimeUnit.MILLISECONDS.toNanos(500));
        clock.addAndGet(TimeUnit.SECONDS.toNanos(31));
        reservoir.update(TimeUnit.MILLISECONDS.toNanos(5));
        assertEquals(2, reservoir.size(), "the previous half-minute is in the window");
        clock.addAndGet(TimeUnit.SECONDS.toNanos(30));
        assertEquals(1, reservoir.size());
        assertWithinBound(reservoir, TimeUnit.MILLISECONDS.toNanos(5), reservoir.getSnapshot().getMax(), "max");
        clock.addAndGet(TimeUnit.MINUTES.toNanos(2));
        assertEquals(0, reservoir.size());
        assertEquals(0, reservoir.getSnapshot().get99thPercentile());
        assertEquals(2, reservoir.count(), "the total keeps what the window forgot");
    }

    @Test
    void countsEveryValueOfConcurrentWritersExactlyWhileIntervalsRotate() throws Exception {
        for (int stripes : new int[] {1, 4}) {
            // a clock that moves 1 µs a read, in a window of 1 ms cut in 4: a rotation every 250 reads
            LongSupplier fast = () -> clock.addAndGet(1_000);
            RecentBucketReservoir reservoir = RecentBucketReservoir.builder().range(1, 1_000_000).stripes(stripes)
                    .window(Duration.ofMillis(1), 4).clock(fast).build();
            int threads = 4;
            int perThread = 200_000;
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                Thread w = new Thread(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    for (int i = 0; i < perThread; i++) {
                        reservoir.update(random.nextLong(1_000_000));
                    }
                });
                w.start();
                writers.add(w);
            }
            for (Thread w : writers) {
                w.join();
            }
            assertEquals((long) threads * perThread, reservoir.count(), stripes + " stripes");
        }
    }

    @Test
    void holdsTheMemoryItsEstimateSaysWhateverTheNumberOfValues() {
        for (RecentBucketReservoir reservoir : List.of(RecentBucketReservoir.latencies().build(),
                RecentBucketReservoir.latencies().stripes(8).window(Duration.ofMinutes(1), 6).build())) {
            long before = GraphLayout.parseInstance(reservoir).totalSize();
            SplittableRandom random = new SplittableRandom(1);
            for (int i = 0; i < 1_000_000; i++) {
                reservoir.update(random.nextLong(reservoir.highest()));
            }
            long after = GraphLayout.parseInstance(reservoir).totalSize();
            assertEquals(before, after, "a million values later");
            assertTrue(after <= reservoir.estimatedBytes() && after >= 0.8 * reservoir.estimatedBytes(),
                    "measured " + after + " bytes, estimated " + reservoir.estimatedBytes());
        }
    }

    @Test
    void aLatencyReservoirFitsInAFewKilobytes() {
        // 384 buckets x 2 intervals of 4-byte counters: what a tenant's render timer costs
        long bytes = GraphLayout.parseInstance(RecentBucketReservoir.latencies().build()).totalSize();
        assertTrue(bytes < 3_300, bytes + " bytes");
    }

    @Test
    void countsValuesAboveItsRangeAsItsHighest() {
        RecentBucketReservoir reservoir = RecentBucketReservoir.builder().range(1, 1000).clock(clock::get).build();
        reservoir.update(1_000_000);
        assertWithinBound(reservoir, 1000, reservoir.getSnapshot().getMax(), "max");
    }

    @Test
    void givesAtMostAFixedNumberOfValuesAtEvenRanks() {
        RecentBucketReservoir reservoir = RecentBucketReservoir.builder().range(1, 1 << 20).clock(clock::get).build();
        reservoir.update(3);
        reservoir.update(1);
        reservoir.update(2);
        assertArrayEquals(new long[] {1, 2, 3}, reservoir.getSnapshot().getValues());
        for (int i = 0; i < 200_000; i++) {
            reservoir.update(7);
        }
        long[] values = reservoir.getSnapshot().getValues();
        assertEquals(BucketSnapshot.MAX_VALUES, values.length);
        assertEquals(1, values[0]);
        assertEquals(7, values[values.length - 1]);
    }

    @Test
    void roundsStripesUpToAPowerOfTwo() {
        RecentBucketReservoir three = RecentBucketReservoir.latencies().stripes(3).build();
        RecentBucketReservoir four = RecentBucketReservoir.latencies().stripes(4).build();
        assertEquals(four.estimatedBytes(), three.estimatedBytes());
    }

    @Test
    void refusesNonsensicalSettings() {
        assertThrows(IllegalArgumentException.class, () -> RecentBucketReservoir.builder().relativeError(0));
        assertThrows(IllegalArgumentException.class, () -> RecentBucketReservoir.builder().window(Duration.ZERO, 2));
        assertThrows(IllegalArgumentException.class, () -> RecentBucketReservoir.builder().window(Duration.ofMinutes(1), 1));
        assertThrows(IllegalArgumentException.class, () -> RecentBucketReservoir.builder().stripes(0));
        assertThrows(IllegalArgumentException.class, () -> RecentBucketReservoir.builder().range(10, 5).build());
    }
}
