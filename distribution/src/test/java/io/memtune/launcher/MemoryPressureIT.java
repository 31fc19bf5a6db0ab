package io.memtune.launcher;

import static io.memtune.launcher.Installation.await;
import static io.memtune.launcher.Installation.buildJdk;
import static io.memtune.launcher.Installation.freePort;
import static io.memtune.launcher.Installation.textSince;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory pressure end to end, in one run of the real container on a 64 MB heap: concurrent renders of contexts
 * near the 1 MiB body limit (single pages and batches) drive the heap after GC past the render executor's memory
 * line. The whole chain must follow: 503s with {@code Retry-After}, the heap alert firing, a class histogram
 * captured at the peak, no {@code OutOfMemoryError} anywhere, the process alive; and once the load stops, pages
 * render again and the alert resolves. The thresholds sit well above the idle heap and well below the cap, so
 * the chain does not hang on timings; the figures are printed for the report.
 */
class MemoryPressureIT {

    /**
     * A small heap; and a periodic collection when none came for a second, as the tuner recommends for idle heaps:
     * the heap after GC is read per pool as the smaller of its last reading after collection and its use now
     * ({@code LiveHeap}), which falls only when some collection frees memory, and a service idle after a peak may
     * not collect for a long while. Without the flag the test passes too, slower (the alert resolved ~19 s after
     * the load in one run, 2-3 s with it).
     */
    private static final String HEAP = "-Xms64m -Xmx64m -XX:G1PeriodicGCInterval=1000";
    /** Heap after GC above which renders are refused; the alert and the profiler trigger a little lower. */
    private static final double MEMORY_LINE = 0.55;
    private static final double ALERT_AT = 0.5;
    private static final double ALERT_CLEARS_AT = 0.4;
    private static final double PROFILE_AT = 0.5;
    /** Invoice lines of the large context: about 0.94 MB of JSON, under the 1 MiB body limit. */
    private static final int LINES = 9000;
    private static final int USERS_PER_ENDPOINT = 12;
    private static final Duration LEAST_LOAD = Duration.ofSeconds(8);
    private static final Duration MOST_LOAD = Duration.ofSeconds(40);

    @TempDir
    Path config;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private URI base;

    @Test
    void aLoadDrivingTheHeapToItsCapIsRefusedAlertedAndProfiledWithoutOutOfMemoryErrorAndRecovers() throws Exception {
        Installation installation = Installation.privateCopy(Path.of("target/it-homes/MemoryPressureIT"));
        Path work = installation.home().getParent();
        Path outOfMemory = work.resolve("out-of-memory");
        Path serviceOutput = work.resolve("service.out");
        int port = freePort();
        base = URI.create("http://127.0.0.1:" + port + "/");
        writeEnvironment(installation, port);
        Path jdk = buildJdk();
        ProcessBuilder start = installation.process(jdk, "--no-shell", "--config", config.toString(), "--env", "pressure")
                .redirectOutput(serviceOutput.toFile());
        // no heap dump on OutOfMemoryError (64 MB for nothing); instead a marker: the JVM runs this on the first
        // one, wherever it is thrown, even if some thread swallowed it unlogged
        start.environment().put("MEMTUNE_OPTS", HEAP + " -XX:-HeapDumpOnOutOfMemoryError -XX:OnOutOfMemoryError="
                + outOfMemoryMarker(work, outOfMemory));
        byte[] large = invoice(LINES).getBytes(StandardCharsets.UTF_8);
        byte[] largeBatch = ("[" + invoice(LINES) + "]").getBytes(StandardCharsets.UTF_8);
        Process container = start.start();
        try {
            await("the container is ready", () -> textSince(installation.log(), 0).contains("memtune ready in"));
            assertEquals(200, post("render/acme/invoice.html", large), "a large page renders when the heap is idle");
            String idle = installation.client(jdk, "memtune:memory").output();

            long loadStart = System.nanoTime();
            PressureLoad load = new PressureLoad(List.of(new PressureLoad.Target(base.resolve("render/acme/invoice.html"), large),
                    new PressureLoad.Target(base.resolve("render/acme/invoice.html/batch"), largeBatch)), USERS_PER_ENDPOINT);
            HeapPeak peak = new HeapPeak();
            boolean chain = false;
            while (System.nanoTime() - loadStart < MOST_LOAD.toNanos()) {
                peak.sample(get("metrics"));
                chain = load.refused("memory") && heapAlertFired(get("dashboard/api/alerts")) && peakProfiled();
                if (chain && System.nanoTime() - loadStart > LEAST_LOAD.toNanos()) {
                    break;
                }
                Thread.sleep(250); // the sampling period
            }
            PressureLoad.Figures figures = load.stop();
            long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;
            assertTrue(container.isAlive(), "the container died under the load: " + textSince(serviceOutput, 0));
            assertNoOutOfMemoryError(installation, serviceOutput, outOfMemory);

            long recoveryStart = System.nanoTime();
            await("a large page renders again after the load", () -> post("render/acme/invoice.html", large) == 200);
            long renderRecoveryMillis = (System.nanoTime() - recoveryStart) / 1_000_000;
            await("the heap alert resolved", () -> installation.client(jdk, "memtune:alerts").output()
                    .contains("no alert pending or firing"));
            long alertRecoveryMillis = (System.nanoTime() - recoveryStart) / 1_000_000;
            assertEquals(200, post("render/acme/invoice.html/batch", largeBatch), "and a large batch");

            String alerts = installation.client(jdk, "memtune:alerts --all").output();
            String profiles = installation.client(jdk, "memtune:profile list").output();
            String busy = installation.client(jdk, "memtune:executor render").output();
            System.out.printf(Locale.ROOT, "MemoryPressureIT figures: %d requests in %d ms (%s); 503: %d (%.0f %%), first after"
                    + " %d ms, answered in %d ms (median), %d ms (slowest); peak heap used %.1f MB of 64, peak heap after GC"
                    + " %.0f %%; a large page renders again %d ms after the load, the alert resolved after %d ms%nbefore the load:"
                    + "%n%s%n%n%s%n%n%s%n%n%s%n",
                    figures.requests(), loadMillis, figures.answers(), figures.refused(),
                    100.0 * figures.refused() / Math.max(1, figures.requests()), figures.firstRefusalMillis(),
                    figures.refusalP50Millis(), figures.refusalMaxMillis(), peak.usedBytes / 1048576.0,
                    peak.occupancyAfterGc * 100, renderRecoveryMillis, alertRecoveryMillis, idle, alerts, profiles, busy);

            assertTrue(chain, "the whole chain within " + MOST_LOAD.toSeconds() + " s: refused for memory "
                    + load.refused("memory") + ", " + alerts + "\n" + profiles);
            assertEquals(0, figures.unexpected(), "only pages and refusals, no error: " + figures.answers() + "; first: "
                    + figures.firstUnexpected());
            assertEquals(0, figures.refusedWithoutRetryAfter(), "every 503 says when to retry");
            assertTrue(alerts.contains("heap-pressure") && alerts.contains("resolved"), alerts);
            String trigger = "occupancy after GC \\d\\.\\d+ >= " + Pattern.quote(String.format(Locale.ROOT, "%.3f", PROFILE_AT));
            assertTrue(Pattern.compile("HISTOGRAM .* " + trigger).matcher(profiles).find(), "a class histogram captured at the peak: "
                    + profiles);
        } finally {
            assertTrue(Installation.stop(container), "stops on SIGTERM");
        }
        assertNoOutOfMemoryError(installation, serviceOutput, outOfMemory);
        assertEquals(0, container.exitValue(), "a clean stop after the load");
    }

    private static void assertNoOutOfMemoryError(Installation installation, Path serviceOutput, Path marker) {
        assertFalse(Files.exists(marker), "the JVM met an OutOfMemoryError (-XX:OnOutOfMemoryError ran)");
        String log = textSince(installation.log(), 0);
        int at = log.indexOf("OutOfMemoryError");
        assertTrue(at < 0, "an OutOfMemoryError in the log: " + log.substring(Math.max(0, at - 300), Math.max(0, at) + 100));
        assertFalse(textSince(serviceOutput, 0).contains("OutOfMemoryError"), "an OutOfMemoryError in the output");
    }

    /** The highest heap use and heap-after-GC occupancy seen in the container's own gauges. */
    private static final class HeapPeak {
        private static final Pattern USED = Pattern.compile("(?m)^memtune_jvm_memory_heap_used ([0-9.eE+-]+)$");
        private static final Pattern AFTER_GC = Pattern.compile("(?m)^memtune_jvm_heap_occupancy_after_gc ([0-9.eE+-]+)$");
        double usedBytes;
        double occupancyAfterGc;

        void sample(String metrics) {
            usedBytes = Math.max(usedBytes, value(USED, metrics));
            occupancyAfterGc = Math.max(occupancyAfterGc, value(AFTER_GC, metrics));
        }

        private static double value(Pattern p, String text) {
            Matcher m = p.matcher(text);
            return m.find() ? Double.parseDouble(m.group(1)) : 0;
        }
    }

    private boolean heapAlertFired(String alertsJson) {
        return alertsJson.matches("(?s).*\"rule\":\"heap-pressure\",\"state\":\"(FIRING|RESOLVED)\".*");
    }

    private boolean peakProfiled() {
        String profiles = get("dashboard/api/profiles");
        return profiles.contains("\"kind\":\"HISTOGRAM\"") && profiles.contains("\"trigger\":\"occupancy after GC");
    }

    private void writeEnvironment(Installation installation, int port) throws IOException {
        Files.createDirectories(config.resolve("environments"));
        Files.writeString(config.resolve("environments/pressure.json"), String.format(Locale.ROOT, """
                {
                  "io.memtune.config": {"poll.interval.ms": 500},
                  // no warm-up: its renders (8 at a time, right after start) would fill the 64 MB heap before the first
                  // large page, which must find the heap idle
                  "io.memtune.http.warmup": {"warmup.seconds": 0},
                  "org.apache.felix.http": {"org.osgi.service.http.port": %d},
                  "io.memtune.template": {"templates.root": "%s"},
                  "io.memtune.concurrency.executor~render": {"executor.name": "render", "workers.min": 1, "workers.max": 3,
                    "memory.line": %s},
                  "io.memtune.alerting": {"rulesets": [], "evaluation.interval.ms": 500},
                  "io.memtune.alerting.rule~heap-pressure": {"rule.name": "heap-pressure",
                    "metric": "memtune.jvm.heap.occupancy.after.gc", "condition": ">", "threshold": %s,
                    "clear.threshold": %s, "for.ms": 0, "keep.firing.for.ms": 0, "severity": "critical",
                    "summary": "heap after GC {{value}}"},
                  // the peak capture on occupancy only (allocation rate out of reach), one class histogram per run
                  "io.memtune.profiler": {"snapshot.interval.ms": 500, "peak.occupancy": %s,
                    "peak.allocation.rate": 1000000000000000, "capture.min.interval.ms": 600000, "capture.histogram": true,
                    "capture.jfr": false, "capture.heapdump": false, "budget.files": 5}
                }
                """, port, installation.home().resolve("templates"), MEMORY_LINE, ALERT_AT, ALERT_CLEARS_AT, PROFILE_AT));
    }

    /** A script the JVM runs on its first OutOfMemoryError: it leaves {@code marker} behind. */
    private static Path outOfMemoryMarker(Path work, Path marker) throws IOException {
        Path script = work.resolve("on-out-of-memory.sh");
        Files.writeString(script, "#!/bin/sh\ntouch '" + marker + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** An invoice context of {@code lines} lines for acme/invoice.html, every line read by the template. */
    private static String invoice(int lines) {
        StringBuilder json = new StringBuilder("{\"brand\": {\"name\": \"Example Corp\", \"iban\": \"DE02 1203\"},"
                + " \"number\": \"INV-1\", \"issued\": \"2026-11-01\", \"currency\": \"EUR\", \"subtotal\": \"1.00\","
                + " \"total\": \"1.19\", \"lines\": [");
        for (int i = 0; i < lines; i++) {
            json.append(i == 0 ? "" : ",").append("{\"description\":\"Widget number ").append(i).append("\",\"quantity\":")
                    .append(i % 7).append(",\"unitPrice\":\"9.90\",\"amount\":\"").append(i).append(".70\",\"currency\":\"EUR\"}");
        }
        return json.append("]}").toString();
    }

    private int post(String path, byte[] body) {
        return Installation.statusOfPost(http, base.resolve(path), body, Duration.ofSeconds(30));
    }

    /** A GET's body; empty when it fails (a busy server may be slow to answer a sample: the next one counts). */
    private String get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
