package io.memtune.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One memtune container, started from the distribution for one run with an environment file written for it;
 * closing it stops it. Both sides of a comparison get the same file but for the template service's mode.
 */
final class Server implements AutoCloseable {

    /** The launcher's own stop timeout (30 s), and a little more. */
    static final long STOP_TIMEOUT_SECONDS = 40;

    private final Process process;
    private final URI base;
    /** Stops the container if the harness itself is stopped (Ctrl-C) mid-run, so no server outlives it. */
    private final Thread stopOnExit;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Server(Process process, URI base) {
        this.process = process;
        this.base = base;
        this.stopOnExit = new Thread(process::destroy, "stop-server-" + process.pid());
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** The environment file of a run: the port, the corpus, the mode, the render executor's settings. */
    static String settings(Bench bench, String mode, String executor) {
        return settings(bench, mode, executor, "");
    }

    /**
     * The same with more of the template service's settings: {@code moreTemplateSettings} are JSON members, each
     * with its leading comma (a soak changes the cache's budget live), or empty.
     */
    static String settings(Bench bench, String mode, String executor, String moreTemplateSettings) {
        return "{\n"
                + "  \"org.apache.felix.http\": {\"org.apache.felix.http.host\": \"127.0.0.1\", \"org.osgi.service.http.port\": "
                + bench.port() + "},\n"
                + "  \"io.memtune.template\": {\"templates.root\": \"" + bench.corpus().resolve("templates") + "\", \"mode\": \"" + mode
                + "\"" + moreTemplateSettings + "},\n"
                + "  \"io.memtune.concurrency.executor~render\": " + executor + "\n"
                + "}\n";
    }

    /** Where a run in {@code mode} finds its environment file (the container watches it: rewriting it reconfigures). */
    static Path environmentFile(Bench bench, String mode) {
        return bench.work().resolve("config-" + mode).resolve("environments").resolve("bench.json");
    }

    /**
     * The longest a container may take to say it is ready: its own warm-up holds that back for up to
     * {@code warmup.seconds} (90 as shipped; on one core it ends by its own rule after 40-80 s), after the start.
     */
    static final Duration READY = Duration.ofSeconds(180);

    /** Starts the container with {@code flags} added to its jvm.options and waits until it says it is ready. */
    static Server start(Bench bench, String mode, List<String> flags, String executor) throws Exception {
        return startWith(bench, mode, flags, settings(bench, mode, executor));
    }

    /** The same with the whole environment file given ({@link #settings} writes one). */
    static Server startWith(Bench bench, String mode, List<String> flags, String environment) throws Exception {
        return startWith(bench, mode, flags, environment, READY);
    }

    /** The same, waiting up to {@code ready} for it to say it is ready (a repository of a million files takes longer). */
    static Server startWith(Bench bench, String mode, List<String> flags, String environment, Duration ready) throws Exception {
        Path file = environmentFile(bench, mode);
        Path config = file.getParent().getParent();
        Files.createDirectories(file.getParent());
        Files.writeString(file, environment);
        Path log = bench.home().resolve("data/log/memtune.log");
        Files.deleteIfExists(log);
        ProcessBuilder builder = new ProcessBuilder(ServerPinning.fromEnvironment().command(List.of(
                bench.home().resolve("bin/memtune").toString(), "--config", config.toString(), "--env", "bench", "--no-shell")))
                .redirectErrorStream(true)
                .redirectOutput(bench.work().resolve("server-" + mode + ".out").toFile());
        builder.environment().put("MEMTUNE_OPTS", String.join(" ", flags));
        Process process = builder.start();
        Server server = new Server(process, URI.create("http://127.0.0.1:" + bench.port() + "/"));
        long deadline = System.nanoTime() + ready.toNanos();
        while (!(Files.exists(log) && Files.readString(log).contains("memtune ready"))) {
            if (!process.isAlive()) {
                server.close();
                throw new ServerStopped(process.pid(), "while starting");
            }
            if (System.nanoTime() > deadline) {
                server.close();
                throw new IllegalStateException(mode + ": the container was not ready within " + ready.toSeconds() + " s; see "
                        + log);
            }
            Thread.sleep(200);
        }
        return server;
    }

    /** Fails when the container has stopped by itself (a crash, or a signal from outside). */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new ServerStopped(process.pid(), "exit " + process.exitValue());
        }
    }

    long pid() {
        return process.pid();
    }

    URI base() {
        return base;
    }

    /** The server's own gauges and counters, from its Prometheus text (samples without labels). */
    Map<String, Double> metrics() throws IOException, InterruptedException {
        String text = http.send(HttpRequest.newBuilder(base.resolve("metrics")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] parts = line.split(" ");
            if (!line.startsWith("#") && parts.length == 2 && !parts[0].contains("{")) {
                try {
                    values.put(parts[0], Double.parseDouble(parts[1]));
                } catch (NumberFormatException e) {
                    // not a plain sample
                }
            }
        }
        return values;
    }

    /**
     * The heap used after a full collection from outside (jcmd), so it is measured alike on both sides; -1 when
     * the server cannot tell (out of memory and too busy collecting to answer): the run's other figures say why.
     */
    long heapAfterFullGc() throws InterruptedException {
        try {
            Process jcmd = new ProcessBuilder(Jcmd.executable().toString(), Long.toString(pid()),
                    "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                return -1;
            }
            Thread.sleep(500);
            return metrics().getOrDefault("memtune_jvm_heap_used_after_gc", -1.0).longValue();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        // a clean stop takes the framework at most 30 s; a JVM thrashing out of memory may never finish one
        if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway, harmlessly
        }
    }
}
