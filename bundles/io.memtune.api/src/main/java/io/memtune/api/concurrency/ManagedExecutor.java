package io.memtune.api.concurrency;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An executor whose queue is bounded and whose admission is managed: work is refused early (a
 * {@link RejectedException} in the returned future) rather than left to wait past usefulness.
 */
@ProviderType
public interface ManagedExecutor {

    /** The service property naming the executor. */
    String NAME_PROPERTY = "executor.name";

    String name();

    /**
     * Runs a task when a worker of its class is free.
     *
     * @param deadline how long the task may wait to start; null for the executor's default
     * @return completes with the task's result, or exceptionally with a {@link RejectedException} (at once when
     *         refused on admission) or the task's own exception
     */
    <T> CompletableFuture<T> submit(Priority priority, Duration deadline, Callable<T> task);

    /**
     * As {@link #submit}, for a caller that waits for the result anyway: when a worker would start the task at once
     * (nothing of any class queued, the concurrency limit not reached), the calling thread runs it instead, before
     * this returns. That saves handing the task to a worker and its result back, two thread wake-ups, most of what
     * the executor costs a short task. Admission, the limit, ordering and the statistics are the same either way.
     *
     * @return as {@link #submit}; already complete when the task ran on the calling thread
     * @since 1.2
     */
    default <T> CompletableFuture<T> submitOrRun(Priority priority, Duration deadline, Callable<T> task) {
        return submit(priority, deadline, task);
    }

    /**
     * Whether a task of this class would be refused if it were submitted now (memory line, shedding, a full queue,
     * stopping), decided from what the executor knows without a lock: a caller with work that is costly to prepare
     * (a request body to read, a context to parse) asks first, and answers a refusal before paying for it. A later
     * {@link #submit} decides again; counted in the statistics as a refusal.
     *
     * @return the refusal, or null when the task would be taken now
     * @since 1.3
     */
    default RejectedException refusalNow(Priority priority) {
        return null;
    }

    ExecutorStatistics statistics();
}
