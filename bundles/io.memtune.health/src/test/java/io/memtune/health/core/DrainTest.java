package io.memtune.health.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class DrainTest {

    private final RequestTracker tracker = new RequestTracker();
    private final List<String> log = new CopyOnWriteArrayList<>();

    private CompletableFuture<Drain.Outcome> start(Duration grace, Duration deadline) {
        Drain drain = new Drain(tracker, grace, deadline, System::nanoTime, log::add);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return drain.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void failsReadinessAtOnceServesThroughTheGraceAndWaitsForRequestsInFlight() throws Exception {
        tracker.enter(); // a request in flight when the drain starts
        long start = System.nanoTime();
        CompletableFuture<Drain.Outcome> drain = start(Duration.ofMillis(300), Duration.ofSeconds(10));
        await("draining", tracker::draining);
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(300), "draining before the grace is over");
        tracker.enter(); // a straggler the load balancer still sent, served during the grace
        tracker.leave();
        await("the grace over", () -> log.size() >= 2);
        assertTrue(!drain.isDone(), "waits for the request in flight after the grace");
        tracker.leave();
        Drain.Outcome outcome = drain.get(10, TimeUnit.SECONDS);
        assertEquals(1, outcome.inFlightAtStart());
        assertEquals(1, outcome.servedDuringGrace());
        assertEquals(1, outcome.inFlightAfterGrace());
        assertEquals(0, outcome.leftAtDeadline());
        assertTrue(outcome.millis() >= 300, "the whole grace: " + outcome);
        assertTrue(log.get(0).contains("grace of 300 ms") && log.get(0).contains("1 request(s) in flight"), log.get(0));
        assertTrue(log.get(1).contains("1 request(s) served meanwhile") && log.get(1).contains("for the 1 in flight"), log.get(1));
        assertTrue(log.get(2).contains("every request finished"), log.get(2));
    }

    @Test
    void stopsAtTheDeadlineWithTheRequestsStillInFlight() throws Exception {
        tracker.enter();
        tracker.enter();
        Drain.Outcome outcome = start(Duration.ofMillis(50), Duration.ofMillis(200)).get(10, TimeUnit.SECONDS);
        assertEquals(2, outcome.leftAtDeadline());
        assertTrue(outcome.millis() >= 250, outcome.toString());
        assertTrue(log.get(2).contains("deadline of 200 ms reached with 2 request(s) still in flight"), log.get(2));
    }

    @Test
    void aSecondDrainReturnsAtOnce() throws Exception {
        start(Duration.ofMillis(10), Duration.ofMillis(10)).get(10, TimeUnit.SECONDS);
        long start = System.nanoTime();
        Drain.Outcome again = start(Duration.ofSeconds(30), Duration.ofSeconds(30)).get(10, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "no second grace");
        assertEquals(0, again.millis());
        assertTrue(log.get(log.size() - 1).contains("already draining"));
    }
}
