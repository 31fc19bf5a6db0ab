package io.memtune.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop clients posting large bodies to render endpoints until stopped (each sends its next request
 * when the last one is answered), recording what came back: statuses, the reason of each 503 and whether it
 * carried {@code Retry-After}, how fast 503s were answered, when the first came.
 */
final class PressureLoad {

    /** The reason at the end of a 503's detail, e.g. {@code "... (memory)"}. */
    private static final Pattern REASON = Pattern.compile("\\((\\w+)\\)\"\\s*}\\s*$");

    /** What the load met. */
    record Figures(long requests, Map<String, Long> answers, long refusedWithoutRetryAfter, long refusalP50Millis,
            long refusalMaxMillis, long firstRefusalMillis, String firstUnexpected) {

        long count(String answer) {
            return answers.getOrDefault(answer, 0L);
        }

        /** Answers that are neither 200 nor 503 (transport failures included). */
        long unexpected() {
            return answers.entrySet().stream().filter(e -> !e.getKey().equals("200") && !e.getKey().startsWith("503"))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        long refused() {
            return answers.entrySet().stream().filter(e -> e.getKey().startsWith("503")).mapToLong(Map.Entry::getValue).sum();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final long startedAt = System.nanoTime();
    /** By status, and for a 503 its reason: "200", "503 memory", "503 bodies", "IOException"... */
    private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
    private final AtomicLong refusedWithoutRetryAfter = new AtomicLong();
    private final AtomicLong firstRefusalAt = new AtomicLong(-1);
    private final List<Long> refusalMillis = Collections.synchronizedList(new ArrayList<>());
    private volatile String firstUnexpected;
    private final List<Thread> clients = new ArrayList<>();

    /** An endpoint and the body each of its clients posts. */
    record Target(URI uri, byte[] body) {
    }

    /** Starts {@code users} clients on each target. */
    PressureLoad(List<Target> targets, int users) {
        for (Target target : targets) {
            HttpRequest request = HttpRequest.newBuilder(target.uri()).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(target.body())).build();
            for (int i = 0; i < users; i++) {
                Thread client = new Thread(() -> run(request), "pressure-" + clients.size());
                client.setDaemon(true);
                clients.add(client);
            }
        }
        clients.forEach(Thread::start);
    }

    /** Whether a 503 with this reason has come back yet. */
    boolean refused(String reason) {
        return answers.containsKey("503 " + reason);
    }

    private void run(HttpRequest request) {
        while (running.get()) {
            long sent = System.nanoTime();
            String answer;
            try {
                // a page of 200 is only counted; a refusal is read for its reason
                HttpResponse<String> response = http.send(request, info -> info.statusCode() == 200
                        ? HttpResponse.BodySubscribers.replacing("") : HttpResponse.BodySubscribers.ofString(
                                java.nio.charset.StandardCharsets.UTF_8));
                answer = Integer.toString(response.statusCode());
                if (response.statusCode() == 503) {
                    long now = System.nanoTime();
                    firstRefusalAt.compareAndSet(-1, now - startedAt);
                    refusalMillis.add((now - sent) / 1_000_000);
                    if (response.headers().firstValue("Retry-After").isEmpty()) {
                        refusedWithoutRetryAfter.incrementAndGet();
                    }
                    Matcher reason = REASON.matcher(response.body());
                    answer += " " + (reason.find() ? reason.group(1) : "?");
                } else if (response.statusCode() != 200 && firstUnexpected == null) {
                    firstUnexpected = answer + " " + response.body();
                }
            } catch (IOException e) {
                answer = e.getClass().getSimpleName();
                if (firstUnexpected == null) {
                    firstUnexpected = e.toString();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            answers.computeIfAbsent(answer, k -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Stops the clients, waiting for each one's last answer. */
    Figures stop() throws InterruptedException {
        running.set(false);
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(90).toMillis());
        }
        Map<String, Long> counted = new TreeMap<>();
        answers.forEach((k, v) -> counted.put(k, v.get()));
        List<Long> refusals;
        synchronized (refusalMillis) {
            refusals = new ArrayList<>(refusalMillis);
        }
        Collections.sort(refusals);
        long requests = counted.values().stream().mapToLong(Long::longValue).sum();
        return new Figures(requests, counted, refusedWithoutRetryAfter.get(),
                refusals.isEmpty() ? -1 : refusals.get(refusals.size() / 2),
                refusals.isEmpty() ? -1 : refusals.get(refusals.size() - 1),
                firstRefusalAt.get() < 0 ? -1 : firstRefusalAt.get() / 1_000_000, firstUnexpected);
    }
}
