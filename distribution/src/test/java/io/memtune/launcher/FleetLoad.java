package io.memtune.launcher;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Paced renders through the load balancer by a few users, each sending a request every {@code period} (or as soon
 * as the previous one is answered, if later). Every answer but a 200 with a page, and every request without an
 * answer (refused, reset, timed out), is a failure. Bounded: it stops itself after {@code maxDuration}.
 */
final class FleetLoad implements AutoCloseable {

    /** Which instance served a 200, from the header the load balancer adds. */
    static final String SERVED_BY = "X-Served-By";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpRequest request;
    private final List<Thread> users = new ArrayList<>();
    private final LongAdder ok = new LongAdder();
    private final AtomicLong failed = new AtomicLong();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> servedBy = new ConcurrentHashMap<>();
    private final long stopAt;
    private volatile boolean running = true;

    FleetLoad(URI uri, String json, int userCount, Duration period, Duration maxDuration) {
        this.request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        this.stopAt = System.nanoTime() + maxDuration.toNanos();
        for (int i = 0; i < userCount; i++) {
            Thread user = new Thread(() -> run(period.toNanos()), "fleet-load-" + i);
            user.setDaemon(true);
            users.add(user);
            user.start();
        }
    }

    private void run(long periodNanos) {
        long next = System.nanoTime();
        while (running && System.nanoTime() < stopAt) {
            long sent = System.currentTimeMillis();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("</html>")) {
                    ok.increment();
                    servedBy.computeIfAbsent(response.headers().firstValue(SERVED_BY).orElse("?"), k -> new LongAdder())
                            .increment();
                } else {
                    fail(sent, "HTTP " + response.statusCode() + " from " + response.headers().firstValue(SERVED_BY)
                            .orElse("the load balancer") + ": " + abbreviate(response.body()));
                }
            } catch (IOException e) {
                fail(sent, e.toString());
            } catch (InterruptedException e) {
                return;
            }
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // the pace of a user, not a wait for a condition
            } else {
                next = System.nanoTime();
            }
        }
    }

    private void fail(long sentMillis, String what) {
        failed.incrementAndGet();
        if (failures.size() < 20) {
            failures.add(java.time.Instant.ofEpochMilli(sentMillis) + " " + what);
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }

    long ok() {
        return ok.sum();
    }

    long failed() {
        return failed.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** 200s by instance (the load balancer's server name). */
    Map<String, Long> servedBy() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        servedBy.forEach((k, v) -> counts.put(k, v.sum()));
        return counts;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread user : users) {
            user.join(TimeUnit.SECONDS.toMillis(15));
        }
    }
}
