package io.memtune.api.concurrency;

/** The classes of work a managed executor keeps apart; each has a guaranteed share of the workers. */
public enum Priority {
    /** Someone is waiting for it (an HTTP render). */
    INTERACTIVE,
    /** Throughput matters more than latency (a batch render). */
    BATCH
}
