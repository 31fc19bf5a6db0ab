package io.memtune.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-loop load: requests leave at a fixed rate whatever the server does (arrivals do not wait for
 * answers, as real users do not), and each latency is measured from the moment the request was due, not
 * from when it could be sent: a stalled server shows in the tail instead of slowing the load down
 * (no coordinated omission). Answers by status as in {@link ClosedLoopLoad}; {@code -1} is no answer.
 */
public final class OpenLoopLoad {

    private final URI base;
    private final List<ClosedLoopLoad.Target> targets;
    private final Duration timeout;
    private final HttpClient http;

    public OpenLoopLoad(URI base, List<ClosedLoopLoad.Target> targets, Duration timeout) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target to send requests to");
        }
        this.base = base;
        this.targets = List.copyOf(targets);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** {@code perSecond} requests a second for {@code duration}; waits for the last answers (up to the timeout). */
    public LoadResult run(double perSecond, Duration duration) throws InterruptedException {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("the rate must be positive: " + perSecond);
        }
        Recorder recorder = new Recorder(3);
        Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> inFlight = new CopyOnWriteArrayList<>();
        long interval = (long) (1e9 / perSecond);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (long i = 0;; i++) {
            long due = start + i * interval;
            if (due >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            ClosedLoopLoad.Target target = targets.get((int) (i % targets.size()));
            HttpRequest request = HttpRequest.newBuilder(base.resolve(target.path())).timeout(timeout)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(target.body())).build();
            CompletableFuture<?> answer = http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, failure) -> {
                        int status = failure != null ? -1 : response.statusCode();
                        recorder.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
                        byStatus.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
                        return null;
                    });
            inFlight.add(answer);
            inFlight.removeIf(CompletableFuture::isDone);
        }
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // the ones still out count as no answer below
        }
        Histogram histogram = recorder.getIntervalHistogram();
        Map<Integer, Long> counts = new java.util.HashMap<>();
        byStatus.forEach((k, v) -> counts.put(k, v.get()));
        long unanswered = inFlight.stream().filter(f -> !f.isDone()).count();
        if (unanswered > 0) {
            counts.merge(-1, unanswered, Long::sum);
        }
        return LoadResult.of(0, duration.toNanos() / 1e9, histogram, counts);
    }
}
