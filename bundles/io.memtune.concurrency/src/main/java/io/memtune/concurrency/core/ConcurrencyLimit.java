package io.memtune.concurrency.core;

/** How many tasks may run at once, adapted from the run times observed. */
public interface ConcurrencyLimit {

    int current();

    /**
     * One finished task.
     *
     * @param startNanos when it started
     * @param runNanos how long it ran
     * @param inFlight tasks running when it started
     */
    void sample(long startNanos, long runNanos, int inFlight);
}
