package io.memtune.concurrency.core;

/**
 * CoDel's rule for a work queue: when every task dequeued during a whole interval has waited longer than
 * the target delay, the queue holds standing latency, not a burst; from then on (until a task is dequeued
 * under the target, or the queue empties) stale work is dropped at dequeue and new work refused at once,
 * so overload answers with fast rejections instead of ever longer waits. Admission also reports the
 * oldest queued task's wait, so that shedding starts even while every worker is stuck on long tasks and
 * nothing is dequeued.
 *
 * <p>Not thread-safe: the executor calls it under its lock; {@link #shedding()} alone may be read without it.
 */
final class QueueDelayShedder {

    private final long targetNanos;
    private final long intervalNanos;
    private long firstAboveTime;
    private volatile boolean shedding;

    QueueDelayShedder(long targetNanos, long intervalNanos) {
        this.targetNanos = targetNanos;
        this.intervalNanos = intervalNanos;
    }

    /**
     * A task leaves the queue after {@code sojournNanos} (or, at admission, the oldest queued task has
     * waited that long so far): true while shedding, when stale work must be dropped and new work refused.
     */
    boolean onDelay(long sojournNanos, long nowNanos) {
        if (sojournNanos < targetNanos) {
            firstAboveTime = 0;
            shedding = false;
            return false;
        }
        if (firstAboveTime == 0) {
            firstAboveTime = nowNanos + intervalNanos;
            return false;
        }
        if (nowNanos >= firstAboveTime) {
            shedding = true;
        }
        return shedding;
    }

    void onQueueEmpty() {
        firstAboveTime = 0;
        shedding = false;
    }

    boolean shedding() {
        return shedding;
    }
}
