package io.memtune.launcher;

import static io.memtune.launcher.Installation.await;
import static io.memtune.launcher.Installation.buildJdk;
import static io.memtune.launcher.Installation.freePort;
import static io.memtune.launcher.Installation.textSince;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under the service's log, simulated by making {@code data/log/memtune.log} a symbolic link to
 * {@code /dev/full} (every write fails with ENOSPC), then freed by replacing the link with a real file. On a
 * private copy of the distribution: the broken log is this test's alone.
 */
class LogOnAFullDiskIT {

    private static final Path FULL_DEVICE = Path.of("/dev/full");

    @TempDir
    Path config;

    private final HttpClient http = HttpClient.newHttpClient();
    private Installation installation;
    private int port;
    private int edits;

    @Test
    void theServiceAnswersOnReportsTheFailureOnceAndTheLogResumesSayingHowMuchWasLost() throws Exception {
        assumeTrue(Files.isWritable(FULL_DEVICE), "no /dev/full to fill the disk with");
        installation = Installation.privateCopy(Path.of("target/it-homes/LogOnAFullDiskIT"));
        port = freePort();
        writeEnvironment();
        Path log = installation.log();
        Files.createDirectories(log.getParent());
        Files.createSymbolicLink(log, FULL_DEVICE);
        Path serviceOutput = installation.home().resolveSibling("service.out"); // what a service manager keeps
        Path jdk = buildJdk();

        Process container = installation.process(jdk, "--no-shell", "--config", config.toString(), "--env", "it")
                .redirectOutput(serviceOutput.toFile()).start();
        try {
            // "memtune ready" went to the full disk: ready is when the shell and the renderer answer
            await("the client answers", () -> installation.client(jdk, "memtune:env").exit() == 0);
            await("a render answers 200", () -> render() == 200);
            String reports = textSince(serviceOutput, 0);
            assertEquals(1, count(reports, "cannot write the log"), reports);
            assertTrue(reports.contains("cannot write the log " + log + " (No space left on device)"), reports);
            assertTrue(container.isAlive());

            Path freed = log.resolveSibling("memtune.log.new");
            Files.createFile(freed);
            Files.move(freed, log, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING); // replaces the link

            // an environment edit makes the container log a line; the launcher retries the file once a second
            await("the log resumes with what was lost", () -> {
                editEnvironment();
                return textSince(log, 0).contains("applied environment");
            });
            String resumed = textSince(log, 0);
            Matcher notice = Pattern.compile("memtune: the log could not be written from \\S+ to \\S+"
                    + " \\(No space left on device\\): (\\d+) line\\(s\\), (\\d+) byte\\(s\\) lost\n").matcher(resumed);
            assertTrue(notice.find() && notice.start() == 0, resumed);
            assertTrue(Long.parseLong(notice.group(1)) >= 2, "at least the launcher's start line and 'memtune ready': " + resumed);
            String reportsAfter = textSince(serviceOutput, 0);
            assertEquals(1, count(reportsAfter, "cannot write the log"), reportsAfter);
            assertTrue(reportsAfter.contains("memtune: the log " + log + " is written again; " + notice.group(1) + " line(s)"),
                    reportsAfter);
            assertEquals(200, render());
        } finally {
            assertTrue(Installation.stop(container), "stops on SIGTERM");
        }
        assertEquals(0, container.exitValue(), textSince(serviceOutput, 0));
        assertTrue(textSince(log, 0).contains("memtune: stopped"), textSince(log, 0));
    }

    private int render() {
        byte[] context;
        try {
            context = Files.readAllBytes(installation.home().resolve("samples/invoice.html.json"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Installation.statusOfPost(http, URI.create("http://127.0.0.1:" + port + "/render/acme/invoice.html"), context,
                Duration.ofSeconds(30));
    }

    private void writeEnvironment() throws IOException {
        Files.createDirectories(config.resolve("environments"));
        Files.writeString(config.resolve("environments/it.json"), "{\n"
                + "  \"io.memtune.config\": {\"poll.interval.ms\": 200},\n"
                + "  \"io.memtune.http.warmup\": {\"warmup.seconds\": 0},\n"
                + "  \"org.apache.felix.http\": {\"org.osgi.service.http.port\": " + port + "},\n"
                + "  \"io.memtune.template\": {\"templates.root\": \"" + installation.home().resolve("templates") + "\"},\n"
                + "  \"io.memtune.alerting\": {\"evaluation.interval.ms\": " + (2000 + ++edits) + "}\n}\n");
    }

    /** A harmless change (the alert evaluation interval moves by 1 ms), applied and logged by the config bundle. */
    private void editEnvironment() {
        try {
            Path file = config.resolve("environments/it.json");
            Files.writeString(file, Files.readString(file).replaceAll("\"evaluation.interval.ms\": \\d+",
                    "\"evaluation.interval.ms\": " + (2000 + ++edits)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
