package io.memtune.health.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class RequestTrackerTest {

    @Test
    void countsRequestsInFlightAndServed() {
        RequestTracker tracker = new RequestTracker();
        tracker.enter();
        tracker.enter();
        tracker.leave();
        assertEquals(1, tracker.inFlight());
        assertEquals(1, tracker.served());
    }

    @Test
    void awaitIdleReturnsAsSoonAsTheLastRequestLeaves() throws Exception {
        RequestTracker tracker = new RequestTracker();
        tracker.enter();
        tracker.startDraining(System.nanoTime());
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return tracker.awaitIdle(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertFalse(waiting.isDone(), "a request is still in flight");
        long left = System.nanoTime();
        tracker.leave();
        assertEquals(0, waiting.get(10, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - left < TimeUnit.SECONDS.toNanos(5), "woken when the request left, not at the timeout");
    }

    @Test
    void awaitIdleGivesUpAtTheTimeoutNamingWhatIsStillInFlight() throws Exception {
        RequestTracker tracker = new RequestTracker();
        tracker.enter();
        tracker.enter();
        long start = System.nanoTime();
        assertEquals(2, tracker.awaitIdle(Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200));
    }

    @Test
    void drainingStartsOnceAndKeepsItsStartTime() {
        RequestTracker tracker = new RequestTracker();
        assertFalse(tracker.draining());
        assertTrue(tracker.startDraining(42));
        assertFalse(tracker.startDraining(99));
        assertTrue(tracker.draining());
        assertEquals(42, tracker.drainingSinceNanos());
    }
}
