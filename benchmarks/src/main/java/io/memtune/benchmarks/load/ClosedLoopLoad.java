package io.memtune.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A closed-loop load: each simulated user sends a request, waits for the answer, thinks, and sends the next;
 * users cycle through the targets from different offsets so every target is hit. In a closed loop the
 * server's pace sets the rate, so this measures "how do N users fare", not "how does a fixed arrival rate
 * fare" (an open-loop generator answers that one, without coordinated omission).
 */
public final class ClosedLoopLoad {

    /** One request to send: a path under the base URI and its body. */
    public record Target(String path, String body) {
    }

    private final URI base;
    private final List<Target> targets;
    private final Duration timeout;
    private final HttpClient http;

    public ClosedLoopLoad(URI base, List<Target> targets, Duration timeout) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target to send requests to");
        }
        this.base = base;
        this.targets = List.copyOf(targets);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
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
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int offset = u;
            Thread user = new Thread(() -> user(offset, users, recordFrom, end, thinkTime, tally), "load-user-" + u);
            user.setDaemon(true);
            threads.add(user);
            user.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return tally.result(users, duration.toNanos() / 1e9);
    }

    private void user(int offset, int users, long recordFrom, long end, Duration thinkTime, Tally tally) {
        long think = thinkTime.toNanos();
        for (int i = offset * Math.max(1, targets.size() / users); System.nanoTime() < end; i++) {
            Target target = targets.get(i % targets.size());
            HttpRequest request = HttpRequest.newBuilder(base.resolve(target.path())).timeout(timeout)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(target.body())).build();
            long sent = System.nanoTime();
            int status;
            try {
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long answered = System.nanoTime();
            if (sent >= recordFrom && answered <= end) {
                tally.record(sent, answered, status);
            }
            if (think > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(think);
            }
        }
    }
}
