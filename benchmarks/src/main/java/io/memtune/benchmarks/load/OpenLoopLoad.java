package io.memtune.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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

    static final int COMPLETION_THREADS = 2;

    /** The status under which requests not sent (every connection busy) are counted. */
    public static final int NOT_SENT = -2;

    private final URI base;
    private final List<ClosedLoopLoad.Target> targets;
    private final Duration timeout;
    private final HttpClient http;
    private final int maxInFlight;

    public OpenLoopLoad(URI base, List<ClosedLoopLoad.Target> targets, Duration timeout) {
        this(base, targets, timeout, DEFAULT_MAX_IN_FLIGHT);
    }

    public OpenLoopLoad(URI base, List<ClosedLoopLoad.Target> targets, Duration timeout, int maxInFlight) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target to send requests to");
        }
        this.base = base;
        this.targets = List.copyOf(targets);
        this.timeout = timeout;
        this.maxInFlight = maxInFlight;
        // a few threads complete every answer: the client's default pool grows a thread per connection in use, and
        // on 2 cores a thousand of them cost the server more CPU than the requests do
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(COMPLETION_THREADS, r -> {
                    Thread t = new Thread(r, "open-loop-answers");
                    t.setDaemon(true);
                    return t;
                })).build();
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
        Semaphore slots = new Semaphore(maxInFlight);
        List<Tally> tallies = new ArrayList<>();
        List<Recorder> lags = new ArrayList<>();
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
                if (slots.tryAcquire()) {
                    send(targets.get((int) (request % targets.size())), due, tally, slots);
                } else {
                    tally.notSent(due);
                }
            }
        }
        // the last answers come back within the client's own timeout; a permit not returned by then is an unanswered request
        boolean drained = slots.tryAcquire(maxInFlight, timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        tallies.get(tallies.size() - 1).unanswered(drained ? 0 : maxInFlight - slots.availablePermits());
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < phases.size(); i++) {
            Phase phase = phases.get(i);
            outcomes.add(new Outcome(phase, tallies.get(i).result(0, phase.duration().toNanos() / 1e9),
                    lags.get(i).getIntervalHistogram().getValueAtPercentile(99) / 1000.0));
        }
        return outcomes;
    }

    private void send(ClosedLoopLoad.Target target, long due, Tally tally, Semaphore slots) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(target.path())).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(target.body())).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            tally.record(due, System.nanoTime(), failure != null ? -1 : response.statusCode());
            slots.release();
            return null;
        });
    }
}
