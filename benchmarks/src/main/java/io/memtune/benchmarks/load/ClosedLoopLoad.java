package io.memtune.benchmarks.load;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A closed-loop load: each simulated user sends a request, waits for the answer, thinks, and sends the next;
 * users cycle through the targets from different offsets so every target is hit. In a closed loop the
 * server's pace sets the rate, so this measures "how do N users fare", not "how does a fixed arrival rate
 * fare" (an open-loop generator answers that one, without coordinated omission).
 *
 * <p>Each user sends on its own thread with a blocking client and keeps its connection from one request to the
 * next (see {@link BlockingHttp} for why not the JDK's client).
 */
public final class ClosedLoopLoad {

    /** One request to send: a path under the base URI and its body. */
    public record Target(String path, String body) {
    }

    private final List<PreparedPost> targets;
    private final Duration timeout;

    public ClosedLoopLoad(URI base, List<Target> targets, Duration timeout) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target to send requests to");
        }
        this.targets = PreparedPost.of(base, targets);
        this.timeout = timeout;
    }

    /** Runs {@code users} users for the warm-up (not recorded) and then for {@code duration}. */
    public LoadResult run(int users, Duration warmUp, Duration duration, Duration thinkTime) throws InterruptedException {
        return run(users, warmUp, duration, thinkTime, null);
    }

    /**
     * The same, each recorded answer also put in {@code series} (when not null) by the second it was sent in; the
     * run starts at the series' origin, so its seconds are the run's.
     */
    public LoadResult run(int users, Duration warmUp, Duration duration, Duration thinkTime, LatencySeries series)
            throws InterruptedException {
        Tally tally = new Tally(series);
        long start = series == null ? System.nanoTime() : series.originNanos();
        long recordFrom = start + warmUp.toNanos();
        long end = recordFrom + duration.toNanos();
        // a client per run, sized for its users (a run's user count is known only here) and closed when the run
        // ends, so no connection outlives the run: runs of different sizes follow one another on one load object
        try (BlockingHttp http = new BlockingHttp(users, timeout)) {
            List<Thread> threads = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                int offset = u;
                Thread user = new Thread(() -> user(http, offset, users, recordFrom, end, thinkTime, tally), "load-user-" + u);
                user.setDaemon(true);
                threads.add(user);
                user.start();
            }
            try {
                for (Thread t : threads) {
                    t.join();
                }
            } catch (InterruptedException e) {
                // the client is about to close under them: users stop after their request instead of failing the rest
                threads.forEach(Thread::interrupt);
                throw e;
            }
        }
        return tally.result(users, duration.toNanos() / 1e9);
    }

    private void user(BlockingHttp http, int offset, int users, long recordFrom, long end, Duration thinkTime, Tally tally) {
        long think = thinkTime.toNanos();
        int first = offset * Math.max(1, targets.size() / users);
        // interrupted: the run was abandoned (a blocking send cannot be interrupted, so this is checked between sends)
        for (int i = first; System.nanoTime() < end && !Thread.currentThread().isInterrupted(); i++) {
            PreparedPost target = targets.get(i % targets.size());
            long sent = System.nanoTime();
            int status = http.statusOf(target);
            long answered = System.nanoTime();
            if (sent >= recordFrom && answered <= end) {
                tally.record(sent, answered, status);
            }
            if (think > 0) {
                LockSupport.parkNanos(think);
            }
        }
    }
}
