package io.memtune.api.pool;

/**
 * A pool now.
 *
 * @param name the pool
 * @param kind {@code objects}, {@code buffers}, {@code jdbc} or {@code http}
 * @param min the least it keeps
 * @param max the most it holds
 * @param size objects it holds now (lent and idle)
 * @param active lent out now
 * @param idle waiting to be lent
 * @param waiters borrowers waiting now
 * @param borrows borrows so far
 * @param timeouts borrows that timed out
 * @param validationFailures objects found invalid and destroyed
 * @param evictions idle objects evicted
 * @param abandoned objects reclaimed from borrowers that never returned them
 * @param waitP50Millis median time to borrow, recent
 * @param waitP99Millis 99th percentile time to borrow, recent
 * @param bytes bytes kept (buffer pools), else 0
 * @param maxBytes the bound on bytes kept (buffer pools), else 0
 */
public record PoolStatistics(String name, String kind, int min, int max, int size, int active, int idle, int waiters,
        long borrows, long timeouts, long validationFailures, long evictions, long abandoned, double waitP50Millis,
        double waitP99Millis, long bytes, long maxBytes) {

    /** Lent out over the most it may hold, 0..1. */
    public double utilization() {
        return max <= 0 ? 0 : (double) active / max;
    }
}
