package io.memtune.api.concurrency;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.memtune.api.concurrency.RejectedException.Reason;

class RejectedExceptionTest {

    private static CompletableFuture<Object> refused(Reason reason) {
        return CompletableFuture.failedFuture(new RejectedException("render", reason, Duration.ofSeconds(1), "refused"));
    }

    @Test
    void aRefusalAsStoppingIsASwapNotOverload() {
        assertTrue(RejectedException.refusedAsStopping(refused(Reason.SHUTDOWN)));
        assertFalse(RejectedException.refusedAsStopping(refused(Reason.QUEUE_FULL)), "overload is answered, not rerouted");
        assertFalse(RejectedException.refusedAsStopping(refused(Reason.MEMORY)));
    }

    @Test
    void aTaskThatFailedOrIsPendingOrDoneWasNotRefused() {
        assertFalse(RejectedException.refusedAsStopping(CompletableFuture.failedFuture(new IllegalStateException())),
                "the task's own failure must not make it run again elsewhere");
        assertFalse(RejectedException.refusedAsStopping(new CompletableFuture<>()));
        assertFalse(RejectedException.refusedAsStopping(CompletableFuture.completedFuture("done")));
        CompletableFuture<Object> cancelled = new CompletableFuture<>();
        cancelled.cancel(false);
        assertFalse(RejectedException.refusedAsStopping(cancelled));
    }
}
