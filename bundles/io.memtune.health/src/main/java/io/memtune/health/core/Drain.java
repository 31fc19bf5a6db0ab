package io.memtune.health.core;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The drain before a stop: readiness fails at once (the tracker says draining); the container goes on serving for
 * the grace, the time the load balancer needs to notice and send nothing more; then the requests still in flight
 * get until the deadline to finish. Each step is logged with its counts.
 *
 * @param tracker the requests in flight
 * @param grace how long to go on serving after readiness fails
 * @param deadline how long, after the grace, to wait for the requests in flight
 * @param clock {@link System#nanoTime()}, or a test's
 * @param log where the steps are told
 */
public record Drain(RequestTracker tracker, Duration grace, Duration deadline, LongSupplier clock, Consumer<String> log) {

    /**
     * What a drain did.
     *
     * @param inFlightAtStart requests being served when it started
     * @param servedDuringGrace requests finished during the grace (the load balancer's stragglers among them)
     * @param inFlightAfterGrace requests being served when the grace was over
     * @param leftAtDeadline requests still being served when the drain gave up waiting (0: all finished)
     * @param millis how long the whole drain took
     */
    public record Outcome(int inFlightAtStart, long servedDuringGrace, int inFlightAfterGrace, int leftAtDeadline,
            long millis) {
    }

    /** Drains, blocking the caller for at most the grace plus the deadline. */
    public Outcome run() throws InterruptedException {
        long start = clock.getAsLong();
        if (!tracker.startDraining(start)) {
            log.accept("draining: already draining, nothing more to do");
            return new Outcome(tracker.inFlight(), 0, tracker.inFlight(), tracker.inFlight(), 0);
        }
        int atStart = tracker.inFlight();
        long servedBefore = tracker.served();
        log.accept(String.format(Locale.ROOT, "draining: readiness answers 503 from now on; serving on for the grace of %d ms while the"
                + " load balancer notices; %d request(s) in flight", grace.toMillis(), atStart));
        Thread.sleep(grace.toMillis()); // the grace is a span of time the load balancer needs, not a condition
        int afterGrace = tracker.inFlight();
        long servedDuringGrace = tracker.served() - servedBefore;
        log.accept(String.format(Locale.ROOT, "draining: grace over after %d ms, %d request(s) served meanwhile; waiting up to %d ms"
                + " for the %d in flight", millisSince(start), servedDuringGrace, deadline.toMillis(), afterGrace));
        int left = tracker.awaitIdle(deadline);
        long millis = millisSince(start);
        if (left == 0) {
            log.accept(String.format(Locale.ROOT, "draining: every request finished, drained after %d ms (%d served since the start"
                    + " of the drain); stopping", millis, tracker.served() - servedBefore));
        } else {
            log.accept(String.format(Locale.ROOT, "draining: deadline of %d ms reached with %d request(s) still in flight, drained"
                    + " after %d ms; stopping anyway", deadline.toMillis(), left, millis));
        }
        return new Outcome(atStart, servedDuringGrace, afterGrace, left, millis);
    }

    private long millisSince(long start) {
        return Duration.ofNanos(clock.getAsLong() - start).toMillis();
    }
}
