package io.memtune.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

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
        Recorder recorder = new Recorder(3);
        Recorder okRecorder = new Recorder(3);
        Recorder refusedRecorder = new Recorder(3);
        Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long recordFrom = start + warmUp.toNanos();
        long end = recordFrom + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int offset = u;
            Thread user = new Thread(() -> user(offset, users, recordFrom, end, thinkTime, recorder, okRecorder, refusedRecorder,
                    byStatus), "load-user-" + u);
            user.setDaemon(true);
            threads.add(user);
            user.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        Histogram histogram = recorder.getIntervalHistogram();
        Map<Integer, Long> counts = new java.util.HashMap<>();
        byStatus.forEach((k, v) -> counts.put(k, v.get()));
        return LoadResult.of(users, duration.toNanos() / 1e9, histogram, counts, okRecorder.getIntervalHistogram(),
                refusedRecorder.getIntervalHistogram());
    }

    private void user(int offset, int users, long recordFrom, long end, Duration thinkTime, Recorder recorder,
            Recorder okRecorder, Recorder refusedRecorder, Map<Integer, AtomicLong> byStatus) {
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
                long micros = Math.max(1, (answered - sent) / 1000);
                recorder.recordValue(micros);
                if (status == 200) {
                    okRecorder.recordValue(micros);
                } else if (status == 503) {
                    refusedRecorder.recordValue(micros);
                }
                byStatus.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
            }
            if (think > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(think);
            }
        }
    }
}
