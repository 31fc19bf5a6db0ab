package io.memtune.concurrency.core;

import com.netflix.concurrency.limits.limit.Gradient2Limit;

/**
 * Netflix's Gradient2 limit (the algorithm of concurrency-limits, as Envoy's adaptive concurrency uses a
 * kin of it): the limit grows while short-term run times stay near the long-term average and shrinks when
 * they rise, so added concurrency that only adds latency is taken back.
 */
public final class Gradient2ConcurrencyLimit implements ConcurrencyLimit {

    private final Gradient2Limit limit;

    /**
     * @param initial the limit to start from
     * @param min the least it may fall to
     * @param max the most it may grow to
     */
    public Gradient2ConcurrencyLimit(int initial, int min, int max) {
        this.limit = Gradient2Limit.newBuilder()
                .initialLimit(initial)
                .minLimit(min)
                .maxConcurrency(max)
                .build();
    }

    @Override
    public int current() {
        return limit.getLimit();
    }

    @Override
    public void sample(long startNanos, long runNanos, int inFlight) {
        limit.onSample(startNanos, runNanos, inFlight, false);
    }
}
