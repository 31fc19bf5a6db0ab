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

    ExecutorStatistics statistics();
}
