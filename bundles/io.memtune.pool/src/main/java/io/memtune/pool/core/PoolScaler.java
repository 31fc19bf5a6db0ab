package io.memtune.pool.core;

import java.util.OptionalInt;

/**
 * Keeps a pool's utilization (lent out over its current maximum) inside a band by moving the maximum
 * between a floor and a ceiling: only when utilization has stayed above (below) the band for a whole
 * window, and not again before a cool-down. A spike of waiters lasting less than the window changes
 * nothing — the lesson of HikariCP, which after a spike of 50 waiters kept 5 connections where DBCP2 kept 45.
 *
 * <p>Not thread-safe: one scaler per pool, observed by one thread.
 */
public final class PoolScaler {

    private final double low;
    private final double high;
    private final int step;
    private final long windowMillis;
    private final long cooldownMillis;
    private long aboveSince = -1;
    private long belowSince = -1;
    private long lastChange = Long.MIN_VALUE / 2;

    /**
     * @param low utilization under which the pool shrinks, 0..1
     * @param high utilization over which it grows, 0..1
     * @param step how much the maximum moves at a time
     * @param windowMillis how long utilization must stay outside the band
     * @param cooldownMillis the least time between two changes
     */
    public PoolScaler(double low, double high, int step, long windowMillis, long cooldownMillis) {
        if (!(0 <= low && low < high && high <= 1) || step < 1) {
            throw new IllegalArgumentException("need 0 <= low < high <= 1 and step >= 1");
        }
        this.low = low;
        this.high = high;
        this.step = step;
        this.windowMillis = windowMillis;
        this.cooldownMillis = cooldownMillis;
    }

    /** One observation; the new maximum when it should change. */
    public OptionalInt observe(double utilization, int currentMax, PoolHandle.ScalingBand band, long nowMillis) {
        if (utilization >= high) {
            belowSince = -1;
            aboveSince = aboveSince < 0 ? nowMillis : aboveSince;
            if (nowMillis - aboveSince >= windowMillis && nowMillis - lastChange >= cooldownMillis
                    && currentMax < band.ceiling()) {
                return change(Math.min(band.ceiling(), currentMax + step), nowMillis);
            }
        } else if (utilization <= low) {
            aboveSince = -1;
            belowSince = belowSince < 0 ? nowMillis : belowSince;
            if (nowMillis - belowSince >= windowMillis && nowMillis - lastChange >= cooldownMillis
                    && currentMax > band.floor()) {
                return change(Math.max(band.floor(), currentMax - step), nowMillis);
            }
        } else {
            aboveSince = -1;
            belowSince = -1;
        }
        return OptionalInt.empty();
    }

    private OptionalInt change(int newMax, long nowMillis) {
        lastChange = nowMillis;
        aboveSince = -1;
        belowSince = -1;
        return OptionalInt.of(newMax);
    }
}
