package io.memtune.api.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LogLinearBucketsTest {

    private final LogLinearBuckets buckets = new LogLinearBuckets(1_000, 60_000_000_000L, 5);

    @Test
    void bucketsTileTheRangeWithoutGapsOrOverlaps() {
        assertEquals(0, buckets.lowerBound(0));
        for (int i = 0; i + 1 < buckets.count(); i++) {
            assertEquals(buckets.upperBound(i) + 1, buckets.lowerBound(i + 1), "after bucket " + i);
        }
        assertTrue(buckets.upperBound(buckets.count() - 1) >= buckets.highest());
    }

    @Test
    void everyValueFallsInTheBucketThatBoundsIt() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 200_000; n++) {
            long v = (long) Math.exp(random.nextDouble() * Math.log(buckets.highest()));
            int i = buckets.index(v);
            assertTrue(buckets.lowerBound(i) <= v && v <= buckets.upperBound(i), v + " in bucket " + i);
        }
    }

    @Test
    void aBucketsMidpointIsWithinTheRelativeErrorOrHalfAUnitOfItsValues() {
        for (int i = 0; i < buckets.count(); i++) {
            long rep = buckets.representative(i);
            for (long v : new long[] {buckets.lowerBound(i), buckets.upperBound(i)}) {
                double bound = Math.max(v * buckets.relativeError(), buckets.unit() / 2.0);
                assertTrue(Math.abs(rep - v) <= bound, "bucket " + i + ": " + rep + " for " + v);
            }
        }
    }

    @Test
    void valuesOutsideTheRangeCountAtItsEnds() {
        assertEquals(0, buckets.index(-5));
        assertEquals(buckets.count() - 1, buckets.index(Long.MAX_VALUE));
        assertEquals(buckets.index(buckets.highest()), buckets.index(buckets.highest() * 4));
    }

    @Test
    void sixteenBucketsADoublingAtFiveBitsOfPrecision() {
        // 1 µs (unit 512 ns) to 60 s: 32 unit buckets, 21 doublings of 16, 12 of the 16 of the last one
        assertEquals(32 + 21 * 16 + 12, buckets.count());
        assertEquals(1.0 / 32, buckets.relativeError());
        assertEquals(512, buckets.unit());
    }

    @Test
    void refusesARangeOrPrecisionItCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> new LogLinearBuckets(0, 100, 5));
        assertThrows(IllegalArgumentException.class, () -> new LogLinearBuckets(100, 150, 5));
        assertThrows(IllegalArgumentException.class, () -> new LogLinearBuckets(1, Long.MAX_VALUE, 5));
        assertThrows(IllegalArgumentException.class, () -> new LogLinearBuckets(1, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> new LogLinearBuckets(1, 100, 11));
    }
}
