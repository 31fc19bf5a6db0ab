package io.memtune.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A memtune container of the assembled distribution, pinned to the server CPUs with {@code taskset}: a copy of the
 * installation per corpus, started afresh (empty data/) for every run with the shipped environment file but for mode
 * and port ({@link ShippedEnvironment}), the shipped jvm.options and the same heap flags after them on both sides.
 * Stopped by its own process id.
 */
final class PinnedContainer implements AutoCloseable {

    /** The environment the runs use: written next to the shipped ones in the installation's copy. */
    static final String ENVIRONMENT = "saturation";

    private final Process process;
    private final long readyNanos;
    private final Thread stopOnExit;
    private final Path log;
    private final Path keptLog;

    private PinnedContainer(Process process, long readyNanos, Path log, Path keptLog) {
        this.process = process;
        this.readyNanos = readyNanos;
        this.log = log;
        this.keptLog = keptLog;
        this.stopOnExit = new Thread(process::destroy, "stop-memtune-" + process.pid());
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** A copy of the distribution at {@code home} serving {@code templates} (the distribution's own when they are its). */
    static Path install(Path distribution, Path templates, Path home) throws IOException {
        SaturationCorpus.deleteTree(home);
        copyTree(distribution, home);
        if (!templates.toAbsolutePath().normalize().equals(distribution.resolve("templates").toAbsolutePath().normalize())) {
            SaturationCorpus.deleteTree(home.resolve("templates"));
            copyTree(templates, home.resolve("templates"));
        }
        SaturationCorpus.deleteTree(home.resolve("data"));
        return home;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /**
     * Starts it and waits until its log says "memtune ready" (the moment the cold start is counted from); its log is
     * kept beside {@code output} when it stops.
     */
    static PinnedContainer start(Path home, String mode, int port, List<String> heapFlags, String serverCpus, Path output)
            throws IOException, InterruptedException {
        return start(home, mode, port, heapFlags, serverCpus, output, true);
    }

    /** @param warmUp false: the container's own warm-up is switched off (for a container that is not timed) */
    static PinnedContainer start(Path home, String mode, int port, List<String> heapFlags, String serverCpus, Path output,
            boolean warmUp) throws IOException, InterruptedException {
        SaturationCorpus.deleteTree(home.resolve("data"));
        Path environments = home.resolve("config/environments");
        String environment = ShippedEnvironment.derive(Files.readString(environments.resolve("dev.json")), mode, port);
        Files.writeString(environments.resolve(ENVIRONMENT + ".json"),
                warmUp ? environment : ShippedEnvironment.withoutWarmUp(environment));
        ProcessBuilder builder = new ProcessBuilder("taskset", "-c", serverCpus, home.resolve("bin/memtune").toString(),
                "--env", ENVIRONMENT, "--no-shell").redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("MEMTUNE_OPTS", String.join(" ", heapFlags));
        Process process = builder.start();
        Path log = home.resolve("data/log/memtune.log");
        long deadline = System.nanoTime() + Server.READY.toNanos();
        while (!(Files.exists(log) && Files.readString(log).contains("memtune ready"))) {
            if (!process.isAlive()) {
                throw new ServerStopped(process.pid(), "while starting (exit " + process.exitValue() + "; see " + output + ")");
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(mode + ": the container was not ready within " + Server.READY.toSeconds()
                        + " s; see " + log);
            }
            Thread.sleep(50);
        }
        return new PinnedContainer(process, System.nanoTime(), log,
                output.resolveSibling(output.getFileName().toString().replaceAll("\\.out$", "") + ".log"));
    }

    /** The JVM's (taskset and bin/memtune exec it: one process). */
    long pid() {
        return process.pid();
    }

    /** Seconds since "memtune ready". */
    double sinceReady() {
        return (System.nanoTime() - readyNanos) / 1e9;
    }

    void requireAlive() {
        if (!process.isAlive()) {
            throw new ServerStopped(process.pid(), "exit " + process.exitValue());
        }
    }

    /** The JVM's command line as the kernel has it: every flag the launcher gave. */
    List<String> commandLine() throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid()), "cmdline"));
        List<String> args = new ArrayList<>(List.of(new String(raw, StandardCharsets.UTF_8).split("\u0000")));
        return args;
    }

    /** Every thread's stack ({@code jcmd Thread.print}); what failed, when it did. */
    String threadDump() throws InterruptedException {
        try {
            return Jcmd.run(pid(), Duration.ofSeconds(30), "Thread.print");
        } catch (Jcmd.Failed e) {
            return "(jcmd Thread.print failed: " + e.getMessage() + ")";
        }
    }

    /** The flags the JVM settled on, ergonomic ones included ({@code jcmd VM.flags}); what failed, when it did. */
    String vmFlags() throws InterruptedException {
        try {
            return Jcmd.run(pid(), Duration.ofSeconds(20), "VM.flags").trim();
        } catch (Jcmd.Failed e) {
            return "(jcmd VM.flags failed: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(Server.STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        try {
            // the next run starts with an empty data/: keep this one's log beside its output
            Files.copy(log, keptLog, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Progress.print("  (could not keep the container's log %s: %s)", log, e.getMessage());
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway, harmlessly
        }
    }
}
