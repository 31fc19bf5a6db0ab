package io.memtune.launcher;

import static io.memtune.launcher.Installation.await;
import static io.memtune.launcher.Installation.buildJdk;
import static io.memtune.launcher.Installation.freePort;
import static io.memtune.launcher.Installation.textSince;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM as a service manager or Kubernetes sends it, to the real container: readiness answers 503 within 100 ms,
 * liveness stays 200, the container goes on serving through the grace, a request in flight finishes after it, one
 * that never ends is given up at the deadline, and the process exits 0 with the drain's counts in its log.
 */
class DrainIT {

    private static final long GRACE_MS = 1500;
    private static final long DEADLINE_MS = 3000;
    private static final Pattern IN_FLIGHT = Pattern.compile("not draining; (\\d+) request\\(s\\) in flight");

    @TempDir
    Path config;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private URI base;

    @Test
    void sigtermFailsReadinessAtOnceFinishesRequestsInFlightUpToTheDeadlineAndExitsZero() throws Exception {
        Installation installation = Installation.privateCopy(Path.of("target/it-homes/DrainIT"));
        int port = freePort();
        base = URI.create("http://127.0.0.1:" + port + "/");
        Files.createDirectories(config.resolve("environments"));
        Files.writeString(config.resolve("environments/drain.json"), "{\n"
                + "  \"org.apache.felix.http\": {\"org.osgi.service.http.port\": " + port + "},\n"
                + "  \"io.memtune.concurrency.executor~render\": {\"executor.name\": \"render\"},\n"
                + "  \"io.memtune.health.drain\": {\"grace.ms\": " + GRACE_MS + ", \"deadline.ms\": " + DEADLINE_MS + "},\n"
                // no warm-up: its renders would saturate both cores, and the probe's latency be that of a busy server
                + "  \"io.memtune.http.warmup\": {\"warmup.seconds\": 0}\n}\n");
        Process container = installation.process(buildJdk(), "--no-shell", "--config", config.toString(), "--env", "drain")
                .redirectOutput(installation.home().getParent().resolve("service.out").toFile()).start();
        try {
            await("ready", () -> status("health/ready") == 200);
            for (int i = 0; i < 20; i++) {
                assertEquals(200, status("health/ready"), "warming the probe's code path up");
            }
            byte[] body = "{\"name\": \"Ada\"}".getBytes(StandardCharsets.UTF_8);
            try (HeldRequest finishing = new HeldRequest(port, "/render/acme/welcome.html", body);
                    HeldRequest neverEnding = new HeldRequest(port, "/render/acme/welcome.html", body)) {
                await("both requests in flight", () -> inFlight() >= 3); // the two, and the probe asking

                long signal = System.nanoTime();
                container.destroy(); // SIGTERM
                int status;
                do {
                    status = status("health/ready");
                } while (status == 200 && System.nanoTime() - signal < TimeUnit.SECONDS.toNanos(5));
                long toNotReadyMillis = (System.nanoTime() - signal) / 1_000_000;
                assertEquals(503, status);
                System.out.printf("DrainIT: /health/ready answered 503 %d ms after SIGTERM%n", toNotReadyMillis);
                assertTrue(toNotReadyMillis < 100, "503 within 100 ms of SIGTERM, not " + toNotReadyMillis + " ms");
                assertEquals(200, status("health/live"), "a draining container is alive: not to be restarted");
                assertEquals(200, render(), "still serving during the grace");

                await("the grace over", () -> textSince(installation.log(), 0).contains("draining: grace over"));
                assertTrue(container.isAlive(), "waits for the requests in flight after the grace");
                String answer = finishing.finish();
                assertTrue(answer.startsWith("HTTP/1.1 200"), "the request in flight got its page: " + answer);
                assertTrue(answer.contains("Welcome, Ada!"), answer);

                assertTrue(container.waitFor(DEADLINE_MS + 30_000, TimeUnit.MILLISECONDS), "stops after the deadline");
                long stoppedMillis = (System.nanoTime() - signal) / 1_000_000;
                assertTrue(stoppedMillis >= GRACE_MS + DEADLINE_MS, "waited for the deadline: " + stoppedMillis + " ms");
            }
        } finally {
            Installation.stop(container);
        }
        String log = textSince(installation.log(), 0);
        assertEquals(0, container.exitValue(), log);
        assertTrue(log.contains("memtune: stop requested by a signal; draining first"), log);
        assertTrue(Pattern.compile("draining: readiness answers 503 from now on; serving on for the grace of 1500 ms while the"
                + " load balancer notices; [2-9] request\\(s\\) in flight").matcher(log).find(), log);
        assertTrue(Pattern.compile("draining: grace over after 15\\d\\d ms, [1-9]\\d* request\\(s\\) served meanwhile;"
                + " waiting up to 3000 ms for the 2 in flight").matcher(log).find(), log);
        assertTrue(log.contains("draining: deadline of 3000 ms reached with 1 request(s) still in flight"), log);
        assertTrue(Pattern.compile("memtune: stopped \\d+ ms after the signal \\(draining 4[5-9]\\d\\d ms\\)").matcher(log).find(),
                log);
    }

    private int status(String path) {
        return Installation.statusOfGet(http, base.resolve(path), Duration.ofSeconds(5));
    }

    private int render() {
        return Installation.statusOfPost(http, base.resolve("render/acme/welcome.html"),
                "{\"name\": \"Ada\"}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
    }

    /** The requests in flight as readiness counts them (it counts itself too). */
    private int inFlight() {
        try {
            String body = http.send(HttpRequest.newBuilder(base.resolve("health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = IN_FLIGHT.matcher(body);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * A POST whose headers and first half of its body are sent at once, the rest only on {@link #finish()}: the server
     * has dispatched it and its endpoint waits for the body, a request in flight for as long as the test likes.
     */
    private static final class HeldRequest implements AutoCloseable {
        private final Socket socket;
        private final byte[] rest;

        HeldRequest(int port, String path, byte[] body) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(30_000);
            int half = body.length / 2;
            rest = java.util.Arrays.copyOfRange(body, half, body.length);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, half);
            out.flush();
        }

        /** Sends the rest of the body and returns the whole answer. */
        String finish() throws IOException {
            socket.getOutputStream().write(rest);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
