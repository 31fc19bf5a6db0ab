package io.memtune.tuner.core;

/**
 * When to collect at low load: only after the render rate has stayed under the line for the whole quiet
 * period, and at most once per interval. One sample per tick; not thread-safe (one ticking thread).
 */
public final class LowLoadPolicy {

    private final double rateLine;
    private final long quietMillis;
    private final long minIntervalMillis;
    private long quietSince = -1;
    private long lastCollection = Long.MIN_VALUE / 2;

    public LowLoadPolicy(double rateLine, long quietMillis, long minIntervalMillis) {
        this.rateLine = rateLine;
        this.quietMillis = quietMillis;
        this.minIntervalMillis = minIntervalMillis;
    }

    /**
     * @param rate the recent render rate, per second
     * @param nowMillis the time of the sample
     * @return whether to collect now (the collection is then counted against the interval)
     */
    public boolean shouldCollect(double rate, long nowMillis) {
        if (rate >= rateLine) {
            quietSince = -1;
            return false;
        }
        quietSince = quietSince < 0 ? nowMillis : quietSince;
        if (nowMillis - quietSince < quietMillis || nowMillis - lastCollection < minIntervalMillis) {
            return false;
        }
        lastCollection = nowMillis;
        return true;
    }

    /** How long the rate has been under the line, 0 when it is not. */
    public long quietForMillis(long nowMillis) {
        return quietSince < 0 ? 0 : nowMillis - quietSince;
    }
}
