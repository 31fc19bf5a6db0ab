package io.memtune.itests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop clients posting to the render endpoint until closed, for tests that need a service under load
 * (each client sends its next request when the last one is answered).
 */
public final class RenderLoad implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** Failed answers by status ({@code -1}: no answer), for the message of a failing test. */
    private final java.util.Map<Integer, AtomicLong> failures = new java.util.concurrent.ConcurrentHashMap<>();
    /** The first body of each failed status, to say why in a failing test's message. */
    private final java.util.Map<Integer, String> firstBodies = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Thread> clients = new ArrayList<>();

    public RenderLoad(URI uri, String body, int concurrency) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        for (int i = 0; i < concurrency; i++) {
            Thread client = new Thread(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failed(response.statusCode());
                            firstBodies.putIfAbsent(response.statusCode(), response.body());
                        }
                    } catch (java.io.IOException e) {
                        failed(-1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "it-load-" + i);
            client.setDaemon(true);
            client.start();
            clients.add(client);
        }
    }

    private void failed(int status) {
        failed.incrementAndGet();
        failures.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
    }

    /** The failed answers by status, e.g. {@code {503=2}}. */
    public String failures() {
        return new java.util.TreeMap<>(failures) + (firstBodies.isEmpty() ? "" : " first answers: " + firstBodies);
    }

    /** Failed answers with another status than {@code status} (no answer counts as another). */
    public long failedOtherThan(int status) {
        return failures.entrySet().stream().filter(e -> e.getKey() != status).mapToLong(e -> e.getValue().get()).sum();
    }

    public long ok() {
        return ok.get();
    }

    public long failed() {
        return failed.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread client : clients) {
            client.join(10_000);
        }
    }

    /** A context that keeps a worker busy for a while with {@link #SLOW_TEMPLATE}: 300 rows of 100 cells. */
    public static String slowTableContext() {
        StringBuilder rows = new StringBuilder("{\"rows\": [");
        for (int r = 0; r < 300; r++) {
            rows.append(r == 0 ? "" : ",").append("{\"cells\": [");
            for (int c = 0; c < 100; c++) {
                rows.append(c == 0 ? "" : ",").append("{\"v\": ").append(c).append('}');
            }
            rows.append("]}");
        }
        return rows.append("]}").toString();
    }

    /** Nested sections over {@link #slowTableContext()}. */
    public static final String SLOW_TEMPLATE = "{{#rows}}{{#cells}}<td>{{v}}</td>{{/cells}}{{/rows}}";
}
