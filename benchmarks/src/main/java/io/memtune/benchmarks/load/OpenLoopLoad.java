package io.memtune.benchmarks.load;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
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
 * <p>Each request is sent by a thread of its own with a blocking client (see {@link BlockingHttp} for why not the
 * JDK's asynchronous one), on a connection of its own: the threads, like the connections, are at most
 * {@code maxInFlight}, and kept between requests so a steady rate reuses both.
 */
public final class OpenLoopLoad {

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

    /** How long a sending thread with nothing to send is kept for the next request before it ends. */
    private static final long IDLE_SENDER_SECONDS = 30;

    /** What {@code out} is set to when a run stops waiting: an answer after that is no longer counted. */
    private static final int GAVE_UP = Integer.MIN_VALUE / 2;

    private final List<BlockingHttp.Prepared> targets;
    private final Duration timeout;
    private final int maxInFlight;

    public OpenLoopLoad(URI base, List<ClosedLoopLoad.Target> targets, Duration timeout) {
        this(base, targets, timeout, DEFAULT_MAX_IN_FLIGHT);
    }

    public OpenLoopLoad(URI base, List<ClosedLoopLoad.Target> targets, Duration timeout, int maxInFlight) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target to send requests to");
        }
        this.targets = BlockingHttp.prepare(base, targets);
        this.timeout = timeout;
        this.maxInFlight = maxInFlight;
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
        // no queue and no core thread: a request is handed to an idle sender or to a new one up to maxInFlight, and
        // refused when all are busy, so the schedule never waits for an answer
        ThreadPoolExecutor senders = new ThreadPoolExecutor(0, maxInFlight, IDLE_SENDER_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "open-loop-sender");
                    t.setDaemon(true);
                    return t;
                });
        // requests sent and not yet answered, so the ones the run gives up on are counted once, as unanswered
        AtomicInteger out = new AtomicInteger();
        // a client per run, closed when it ends (with the connections of answers it gave up on): no connection and
        // no sending thread outlives the run
        try (BlockingHttp http = new BlockingHttp(maxInFlight, timeout)) {
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
                    BlockingHttp.Prepared target = targets.get((int) (request % targets.size()));
                    long dueAt = due;
                    out.incrementAndGet();
                    try {
                        senders.execute(() -> send(http, target, dueAt, tally, out));
                    } catch (RejectedExecutionException e) {
                        out.decrementAndGet();
                        tally.notSent(due);
                    }
                }
            }
            // the last answers come back within the client's own timeout; a request still out by then is unanswered
            senders.shutdown();
            boolean drained = senders.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            if (!drained) {
                tallies.get(tallies.size() - 1).unanswered(Math.max(0, out.getAndSet(GAVE_UP)));
                http.abort();
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < phases.size(); i++) {
                Phase phase = phases.get(i);
                outcomes.add(new Outcome(phase, tallies.get(i).result(0, phase.duration().toNanos() / 1e9),
                        lags.get(i).getIntervalHistogram().getValueAtPercentile(99) / 1000.0));
            }
            return outcomes;
        } finally {
            senders.shutdownNow();
        }
    }

    /** On a sending thread: the request, blocking until its answer, counted from when it was due. */
    private static void send(BlockingHttp http, BlockingHttp.Prepared target, long due, Tally tally, AtomicInteger out) {
        int status = http.statusOf(target);
        long answered = System.nanoTime();
        // not counted if the run already gave up on it (and counted it as unanswered)
        if (out.getAndDecrement() > 0) {
            tally.record(due, answered, status);
        }
    }
}
