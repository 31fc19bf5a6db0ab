package io.memtune.pool.core;

import java.time.Duration;

import com.codahale.metrics.Histogram;

import io.memtune.api.metrics.RecentReservoir;

/** How long borrowers waited: the last minute, at most the latest 1,024 waits, whatever the borrowing rate. */
public final class WaitHistogram {

    private WaitHistogram() {
    }

    public static Histogram lastMinute() {
        return new Histogram(new RecentReservoir(1024, Duration.ofMinutes(1)));
    }
}
