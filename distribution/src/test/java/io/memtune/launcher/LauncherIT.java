package io.memtune.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.memtune.launcher.Installation.await;
import static io.memtune.launcher.Installation.buildJdk;
import static io.memtune.launcher.Installation.freePort;
import static io.memtune.launcher.Installation.textSince;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import io.memtune.launcher.Installation.Result;

/**
 * The assembled distribution as an operator runs it: {@code bin/memtune --no-shell} as a child process,
 * {@code bin/memtune client}, a live configuration edit, a rejected one, SIGTERM. On the build's JDK and on
 * every other JDK named in {@code memtune.it.jdks} that is installed (JDK 25 here).
 */
class LauncherIT {

    private static final Installation INSTALLATION = Installation.built();
    private static final Path HOME = INSTALLATION.home();

    @TempDir
    Path config;

    static Stream<Path> jdks() {
        List<Path> jdks = new ArrayList<>(List.of(buildJdk()));
        Arrays.stream(System.getProperty("memtune.it.jdks", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Path::of)
                .filter(p -> Files.isExecutable(p.resolve("bin/java")))
                .forEach(jdks::add);
        return jdks.stream();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void runsAsAServiceAnswersTheClientReloadsAndStopsCleanlyOnSigterm(Path jdk) throws Exception {
        writeEnvironment(200);
        Path log = INSTALLATION.log();
        long logStart = INSTALLATION.logSize();
        Process container = INSTALLATION.process(jdk, "--no-shell", "--config", config.toString(), "--env", "it").start();
        try {
            await("the container reports ready", () -> textSince(log, logStart).contains("memtune ready in"));
            assertTrue(textSince(log, logStart).contains(", Java " + javaVersion(jdk)), "runs on " + jdk);
            String started = textSince(log, logStart);
            assertTrue(started.indexOf("warm-up: ") >= 0 && started.indexOf("warm-up: ") < started.indexOf("memtune ready in"),
                    "ready only once warm: " + started);

            Result env = INSTALLATION.client(jdk, "memtune:env");
            assertEquals(0, env.exit(), env.output());
            assertTrue(env.output().contains("environment   it"), env.output());

            writeEnvironment(300);
            await("the edited poll interval in force", () -> INSTALLATION.client(jdk, "memtune:config io.memtune.config").output()
                    .contains("300"));

            Files.writeString(config.resolve("environments/it.json"), "{\n  \"io.memtune.config\": {\"poll.interval.ms\": 9,}\n}\n");
            await("the malformed edit reported with its location", () -> INSTALLATION.client(jdk, "memtune:env").output()
                    .contains("it.json:2:"));
            assertTrue(INSTALLATION.client(jdk, "memtune:config io.memtune.config").output().contains("300"), "the old value stays");

            Result wrongArguments = INSTALLATION.client(jdk, "memtune:config-diff dev");
            assertEquals(2, wrongArguments.exit(), wrongArguments.output());
            assertTrue(wrongArguments.output().contains("usage: memtune:config-diff <environmentA> <environmentB>"),
                    wrongArguments.output());

            Result failing = INSTALLATION.client(jdk, "memtune:config-validate " + config.resolve("missing.json"));
            assertEquals(1, failing.exit(), failing.output());
            assertTrue(failing.output().contains("does not exist"), failing.output());
        } finally {
            container.destroy(); // SIGTERM
        }
        assertTrue(container.waitFor(30, TimeUnit.SECONDS), "the container stops within 30 s of SIGTERM");
        assertEquals(0, container.exitValue(), textSince(log, logStart));
        assertTrue(textSince(log, logStart).contains("memtune: stopped"));

        Result afterStop = INSTALLATION.client(jdk, "memtune:env");
        assertEquals(CommandClient.NOT_RUNNING, afterStop.exit(), afterStop.output());
        assertTrue(afterStop.output().contains("not running"), afterStop.output());
    }

    @Test
    void aSecretStaysOutOfLogMetricsAndConfigAndAKilledContainerRestartsCleanly() throws Exception {
        Path jdk = buildJdk();
        String canary = "canary-" + Long.toHexString(System.nanoTime()) + "-admin-token";
        int port = freePort();
        Files.createDirectories(config.resolve("environments"));
        Files.writeString(config.resolve("environments/it.json"), "{\n"
                + "  \"io.memtune.config\": {\"poll.interval.ms\": 200},\n"
                + "  \"io.memtune.http.warmup\": {\"warmup.seconds\": 0},\n"
                + "  \"org.apache.felix.http\": {\"org.osgi.service.http.port\": " + port + "},\n"
                + "  \"io.memtune.dashboard\": {\"admin.token\": \"$[env:MEMTUNE_ADMIN_TOKEN]\"}\n}\n");
        Path log = INSTALLATION.log();
        long logStart = INSTALLATION.logSize();
        ProcessBuilder start = INSTALLATION.process(jdk, "--no-shell", "--config", config.toString(), "--env", "it");
        start.environment().put("MEMTUNE_ADMIN_TOKEN", canary);
        Process container = start.start();
        try {
            await("the container reports ready", () -> textSince(log, logStart).contains("memtune ready in"));
            String shown = INSTALLATION.client(jdk, "memtune:config io.memtune.dashboard").output();
            assertTrue(shown.contains("admin.token") && !shown.contains(canary), shown);
            java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            assertTrue(!metrics.body().contains(canary), "the token is in /metrics");
            assertTrue(!textSince(log, logStart).contains(canary), "the token is in the log");
        } finally {
            container.destroyForcibly(); // SIGKILL: no shutdown hook, the socket file stays behind
            container.waitFor(30, TimeUnit.SECONDS);
        }
        Result killed = INSTALLATION.client(jdk, "memtune:env");
        assertEquals(CommandClient.NOT_RUNNING, killed.exit(), killed.output());

        long restartLog = INSTALLATION.logSize();
        Process again = INSTALLATION.process(jdk, "--no-shell", "--config", config.toString(), "--env", "it").start();
        try {
            await("the restarted container reports ready", () -> textSince(log, restartLog).contains("memtune ready in"));
            Result env = INSTALLATION.client(jdk, "memtune:env");
            assertEquals(0, env.exit(), env.output()); // the stale socket was replaced
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(HOME.resolve("data"))));
        } finally {
            again.destroy();
            assertTrue(again.waitFor(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void anUnknownEnvironmentIsAStartupErrorListingTheKnownOnes() throws Exception {
        Process p = INSTALLATION.process(buildJdk(), "--no-shell", "--env", "prdo").start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), output);
        assertTrue(output.contains("unknown environment 'prdo'") && output.contains("known environments: dev, prod, test"),
                output);
    }

    @Test
    void analyzeReportsOnATemplateTreeWithoutAContainer() throws Exception {
        Process p = INSTALLATION.process(buildJdk(), "analyze", HOME.resolve("templates").toString()).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.startsWith("120 pages compiled") && output.contains("structural sharing + deduplication"), output);
    }

    /** JAVA_VERSION from the JDK's release file, e.g. 25.0.1. */
    private static String javaVersion(Path jdk) throws IOException {
        return Files.readAllLines(jdk.resolve("release")).stream().filter(l -> l.startsWith("JAVA_VERSION="))
                .map(l -> l.substring("JAVA_VERSION=".length()).replace("\"", "")).findFirst().orElseThrow();
    }

    private void writeEnvironment(long pollMillis) throws IOException {
        Files.createDirectories(config.resolve("environments"));
        // a short warm-up: "memtune ready" comes after it (checked in the first test)
        String json = "{\n  \"io.memtune.config\": {\"poll.interval.ms\": " + pollMillis + "},\n"
                + "  \"io.memtune.http.warmup\": {\"warmup.seconds\": 10, \"warmup.min.seconds\": 1},\n"
                + "  \"org.apache.felix.http\": {\"org.osgi.service.http.port\": " + freePort() + "}\n}\n";
        Path temp = config.resolve("environments/.it.json.tmp");
        Files.writeString(temp, json);
        Files.move(temp, config.resolve("environments/it.json"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
