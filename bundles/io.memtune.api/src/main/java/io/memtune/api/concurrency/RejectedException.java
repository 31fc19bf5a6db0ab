package io.memtune.api.concurrency;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Work refused by a managed executor, fast and with a reason, instead of a timeout later. HTTP endpoints
 * answer it with 503 and {@code Retry-After}.
 *
 * <p>Without a stack trace: a refusal is flow control, not a fault, and under overload it is the common answer;
 * filling in a trace through a servlet container's stack cost tens of microseconds a refusal, the refusals the
 * most CPU of an overloaded server.
 */
public class RejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why work was refused. */
    public enum Reason {
        /** The priority class's bounded queue is full. */
        QUEUE_FULL,
        /** Queued work waited longer than the target delay for a whole interval: the executor sheds. */
        SHED,
        /** Heap occupancy after GC is above the configured line. */
        MEMORY,
        /** The task's deadline passed before it could start. */
        DEADLINE,
        /** The executor is stopping. */
        SHUTDOWN
    }

    private final Reason reason;
    private final String executor;
    private final transient Duration retryAfter;

    public RejectedException(String executor, Reason reason, Duration retryAfter, String message) {
        super(message, null, false, false);
        this.executor = executor;
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    public String executor() {
        return executor;
    }

    /** When trying again makes sense. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * Whether a future from {@link ManagedExecutor#submit} was refused because its executor is stopping: a swap (its
     * bundle updated, its configuration replaced), not overload, so the work may run elsewhere. False for work still
     * pending, done, or failed for any other reason (the task's own failure must not make it run twice).
     *
     * @since 1.2
     */
    public static boolean refusedAsStopping(CompletableFuture<?> submitted) {
        if (!submitted.isCompletedExceptionally()) {
            return false;
        }
        try {
            submitted.getNow(null);
            return false;
        } catch (CompletionException | CancellationException e) {
            return e.getCause() instanceof RejectedException r && r.reason() == Reason.SHUTDOWN;
        }
    }
}
