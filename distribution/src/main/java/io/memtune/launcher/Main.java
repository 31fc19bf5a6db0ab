package io.memtune.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

import org.osgi.framework.FrameworkEvent;

/**
 * The entry point of {@code bin/memtune}: starts the container in the foreground (with the Gogo shell, or
 * as a service with {@code --no-shell}), or runs one command in a running container ({@code client}).
 *
 * <p>Exit codes: 0 after a clean stop (shell exit, SIGTERM), 1 when start-up failed, 2 for a wrong
 * command line or environment, 3 when {@code client} finds no container. {@code analyze} exits 1 when some
 * templates did not compile.
 */
public final class Main {

    private static final long STOP_TIMEOUT_MS = 30_000;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args)));
    }

    static int run(List<String> args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("memtune: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            return 2;
        }
        switch (options.mode()) {
            case HELP:
                System.out.println(LaunchOptions.USAGE);
                return 0;
            case CLIENT:
                return CommandClient.run(options.socket(), options.command(), System.out, System.err);
            case ANALYZE:
                return Tools.analyze(options.home(), options.toolArguments(), System.out, System.err);
            default:
                return runContainer(options);
        }
    }

    private static int runContainer(LaunchOptions options) {
        String environment;
        try {
            environment = Environments.select(options);
        } catch (NoSuchElementException e) {
            System.err.println("memtune: " + e.getMessage());
            return 2;
        }
        try {
            prepareDataDirectory(options);
            if (!options.shell() && !options.logToStdout()) {
                redirectOutputToLog(options);
            }
        } catch (IOException e) {
            System.err.println("memtune: cannot prepare " + options.dataDirectory() + ": " + e);
            return 1;
        }
        Container container = new Container(options, environment);
        StopRequest stopRequest = new StopRequest();
        StopSignals.onTerminate(() -> drainAndStop(container, stopRequest), () -> stopQuietly(container), !options.shell());
        System.setProperty("memtune.home", options.home().toString()); // for $[sys:memtune.home] in environment files
        try {
            System.out.println("memtune: starting environment '" + environment + "' from "
                    + options.effectiveConfigDirectory() + " (pid " + ProcessHandle.current().pid() + ", Java "
                    + Runtime.version() + ", " + System.getProperty("java.vm.name") + ")");
            container.start();
            FrameworkEvent stopped = container.awaitStop();
            System.out.println("memtune: stopped" + stopRequest.describe());
            return stopped.getType() == FrameworkEvent.ERROR ? 1 : 0;
        } catch (Exception e) {
            System.err.println("memtune: start-up failed: " + e);
            e.printStackTrace();
            stopQuietly(container);
            return 1;
        }
    }

    /** data/ holds the socket and the framework cache: owner-only, so that nobody else can connect. */
    private static void prepareDataDirectory(LaunchOptions options) throws IOException {
        Path data = options.dataDirectory();
        Files.createDirectories(data.resolve("log"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    }

    /**
     * A service writes to data/log/memtune.log; the original standard error (kept by the service manager) hears
     * when that fails (a full disk), since the log itself cannot say so. A log write never fails the service.
     */
    private static void redirectOutputToLog(LaunchOptions options) {
        Path log = options.dataDirectory().resolve("log").resolve("memtune.log");
        System.out.println("memtune: running as a service; log in " + log);
        PrintStream stream = new PrintStream(ResilientLogStream.appendingTo(log, System.err), true, StandardCharsets.UTF_8);
        System.setOut(stream);
        System.setErr(stream);
    }

    /** SIGTERM: the drain first (readiness fails, the grace, the requests in flight), then the stop. */
    private static void drainAndStop(Container container, StopRequest request) {
        request.at = System.nanoTime();
        System.out.println("memtune: stop requested by a signal; draining first");
        try {
            if (!container.drain()) {
                System.out.println("memtune: nothing to drain (no drain service: io.memtune.health not running)");
            }
        } catch (RuntimeException e) {
            System.err.println("memtune: draining failed, stopping at once: " + e);
        }
        request.drainedAt = System.nanoTime();
        stopQuietly(container);
    }

    /** When a signal asked for the stop and when its drain ended, for the last line of the log. */
    private static final class StopRequest {
        volatile long at;
        volatile long drainedAt;

        String describe() {
            long now = System.nanoTime();
            return at == 0 ? "" : String.format(Locale.ROOT, " %d ms after the signal (draining %d ms)", (now - at) / 1_000_000,
                    ((drainedAt == 0 ? now : drainedAt) - at) / 1_000_000);
        }
    }

    private static void stopQuietly(Container container) {
        try {
            if (!container.stop(STOP_TIMEOUT_MS)) {
                System.err.println("memtune: the framework did not stop within " + STOP_TIMEOUT_MS + " ms");
            }
        } catch (Exception e) {
            System.err.println("memtune: stopping failed: " + e);
        }
    }
}
