package io.memtune.concurrency.core;

import java.util.concurrent.TimeUnit;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.WindowedLimit;

/**
 * Netflix's Gradient2 limit (the algorithm of concurrency-limits, as Envoy's adaptive concurrency uses a
 * kin of it): the limit grows while short-term run times stay near the long-term average and shrinks when
 * they rise, so added concurrency that only adds latency is taken back.
 *
 * <p>Fed through concurrency-limits' own {@code WindowedLimit}: a task's sample joins the current window
 * without a lock (Gradient2 itself takes its monitor for every sample, a lock per request), and the window's
 * average reaches Gradient2 once it holds {@value #WINDOW_SIZE} samples and has lasted
 * {@value #MIN_WINDOW_MS} ms. No run time is too short to count: a render takes tens of microseconds, below the
 * library's default threshold of 100.
 */
public final class Gradient2ConcurrencyLimit implements ConcurrencyLimit {

    static final int WINDOW_SIZE = 10;
    static final long MIN_WINDOW_MS = 100;
    static final long MAX_WINDOW_MS = 1000;

    private final Limit limit;

    /**
     * @param initial the limit to start from
     * @param min the least it may fall to
     * @param max the most it may grow to
     */
    public Gradient2ConcurrencyLimit(int initial, int min, int max) {
        this.limit = WindowedLimit.newBuilder()
                .windowSize(WINDOW_SIZE)
                .minWindowTime(MIN_WINDOW_MS, TimeUnit.MILLISECONDS)
                .maxWindowTime(MAX_WINDOW_MS, TimeUnit.MILLISECONDS)
                .minRttThreshold(0, TimeUnit.NANOSECONDS)
                .build(Gradient2Limit.newBuilder()
                        .initialLimit(initial)
                        .minLimit(min)
                        .maxConcurrency(max)
                        .build());
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
