package io.memtune.pool.core;

import com.codahale.metrics.Histogram;

import io.memtune.api.metrics.RecentBucketReservoir;

/**
 * How long borrowers waited, in microseconds: every wait of the last minute as log-linear bucket counts (within
 * 3.1 %), whatever the borrowing rate; a borrow's update takes no lock.
 */
public final class WaitHistogram {

    /** Microseconds: from 1 µs to a minute. */
    private static final long MINUTE_MICROS = 60_000_000L;

    private WaitHistogram() {
    }

    public static Histogram lastMinute() {
        return new Histogram(RecentBucketReservoir.builder().range(1, MINUTE_MICROS).relativeError(0.032)
                .stripesPerProcessor().build());
    }
}
