package io.memtune.benchmarks.load;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Recorder;

/**
 * An open-loop load: requests leave at a fixed rate whatever the server does (arrivals do not wait for
 * answers, as real users do not), and each latency is measured from the moment the request was due, not
 * from when it could be sent: a stalled server shows in the tail instead of slowing the load down
 * (no coordinated omission). Answers by status as in {@link ClosedLoopLoad}; {@code -1} is no answer.
 *
 * <p>At most {@code maxInFlight} requests are out at once, as any real client has a bounded number of
 * connections (and this machine a bounded number of sockets): a request due while all are busy is not sent
 * and is counted under {@link #NOT_SENT}, so the schedule keeps its time (waiting for a connection instead
 * would let a stalled server push every later phase back by as long as it stalls). How late requests left
 * against their schedule is reported per phase, so a load generator that could not keep up is seen for what
 * it is rather than blamed on the server.
 *
 * <p>One thread keeps the schedule and hands each request to an event-loop client ({@link AsyncHttp}), on a
 * connection of its own (at most {@code maxInFlight}, kept between requests so a steady rate reuses them); the answers
 * are counted on the event loop. An earlier version sent each request from a thread of its own with a blocking
 * client, and on 2 cores shared with the server those threads, not the server, set how late the schedule ran.
 */
public final class OpenLoopLoad implements AutoCloseable {

    /** One stretch of the schedule: {@code perSecond} requests a second for {@code duration}. */
    public record Phase(double perSecond, Duration duration) {
        public Phase {
            if (perSecond <= 0) {
                throw new IllegalArgumentException("the rate must be positive: " + perSecond);
            }
        }
    }

    /** What one phase measured, and the 99th percentile of how late its requests left against their schedule. */
    public record Outcome(Phase phase, LoadResult result, double sendLagP99Millis) {
    }

    static final int DEFAULT_MAX_IN_FLIGHT = 1024;

    /** The status under which requests not sent (every connection busy) are counted. */
    public static final int NOT_SENT = -2;

    /** What {@code out} is set to when a run stops waiting: an answer after that is no longer counted. */
    private static final int GAVE_UP = Integer.MIN_VALUE / 2;

    private final List<PreparedPost> targets;
    private final Duration timeout;
    private final int maxInFlight;
    /**
     * One client for every run, so a measured run reuses the connections its warm-up opened: with a client per run,
     * the first second of each run opened hundreds of connections at once, and that storm (p99 about a second) was
     * most of the unloaded phase's tail.
     */
    private final AsyncHttp http;

    public OpenLoopLoad(URI base, List<ClosedLoopLoad.Target> targets, Duration timeout) {
        this(base, targets, timeout, DEFAULT_MAX_IN_FLIGHT);
    }

    public OpenLoopLoad(URI base, List<ClosedLoopLoad.Target> targets, Duration timeout, int maxInFlight) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target to send requests to");
        }
        this.targets = PreparedPost.of(base, targets);
        this.timeout = timeout;
        this.maxInFlight = maxInFlight;
        this.http = new AsyncHttp(maxInFlight, timeout);
    }

    /** Closes the connections, those of answers a run gave up on too. */
    @Override
    public void close() {
        http.close();
    }

    /** {@code perSecond} requests a second for {@code duration}; waits for the last answers (up to the timeout). */
    public LoadResult run(double perSecond, Duration duration) throws InterruptedException {
        return run(List.of(new Phase(perSecond, duration)), null).get(0).result();
    }

    /**
     * The phases back to back on one schedule (no pause between them, so an overload's backlog meets the
     * next phase as it would in production), each answer counted in the phase its request was due in and,
     * when {@code series} is not null, in the second it was due in (the schedule starts at the series'
     * origin). Waits for the last answers (up to the timeout) after the last phase only.
     */
    public List<Outcome> run(List<Phase> phases, LatencySeries series) throws InterruptedException {
        List<Tally> tallies = new ArrayList<>();
        List<Recorder> lags = new ArrayList<>();
        // requests sent and not yet answered: at most maxInFlight, and the ones the run gives up on are counted once,
        // as unanswered
        AtomicInteger out = new AtomicInteger();
        // an answer is counted and then leaves `out` under this lock, and the run gives up on the rest under it: so
        // once `out` reads 0 every answer is in its tally (a clean-clone run once read 19 statuses of 20 answers),
        // and none is counted both as answered and as unanswered. Uncontended but for that last moment
        Object counting = new Object();
        long due = series == null ? System.nanoTime() : series.originNanos();
        long end = due; // phases end on the nominal timeline, so the schedule does not drift by a fraction of an interval each
        long request = 0;
        for (Phase phase : phases) {
            Tally tally = new Tally(series);
            Recorder lag = new Recorder(3);
            tallies.add(tally);
            lags.add(lag);
            long interval = (long) (1e9 / phase.perSecond());
            end += phase.duration().toNanos();
            for (; due < end; due += interval, request++) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                lag.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
                if (out.incrementAndGet() > maxInFlight) {
                    out.decrementAndGet();
                    tally.notSent(due);
                    continue;
                }
                long dueAt = due;
                http.post(targets.get((int) (request % targets.size())), status -> answered(dueAt, status, tally, out, counting));
            }
        }
        // the last answers come back within the client's own timeout; a request still out by then is unanswered
        long giveUpAt = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        while (out.get() > 0 && System.nanoTime() < giveUpAt) {
            Thread.sleep(10); // pacing of the wait for the last answers, not a condition's stand-in
        }
        synchronized (counting) {
            tallies.get(tallies.size() - 1).unanswered(Math.max(0, out.getAndSet(GAVE_UP)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < phases.size(); i++) {
            Phase phase = phases.get(i);
            outcomes.add(new Outcome(phase, tallies.get(i).result(0, phase.duration().toNanos() / 1e9),
                    lags.get(i).getIntervalHistogram().getValueAtPercentile(99) / 1000.0));
        }
        return outcomes;
    }

    /** On the event loop: an answer (or none, {@code -1}), counted from when its request was due. */
    private static void answered(long due, int status, Tally tally, AtomicInteger out, Object counting) {
        long answered = System.nanoTime();
        synchronized (counting) {
            // not counted if the run already gave up on it (and counted it as unanswered)
            if (out.get() > 0) {
                tally.record(due, answered, status);
                out.decrementAndGet();
            }
        }
    }
}
