package io.memtune.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.memtune.benchmarks.CorpusGenerator;

/**
 * The side-by-side load comparison on the real distribution: the container started in baseline mode (plain
 * Mustache.java) and in optimized mode, alternately, with the same JVM flags, heap cap, corpus, settings and
 * load; per run the load's figures (throughput, latency percentiles, answers by status) and the server's
 * (CPU share of the machine, GC share of time, heap used after GC, peak RSS).
 *
 * <pre>
 * java -cp ... io.memtune.benchmarks.load.AbComparison [--users 8,16] [--rounds 2] [--seconds 20]
 *     [--warmup 10] [--xmx 256m] [--tenants 100] [--templates 20]
 * </pre>
 */
public final class AbComparison {

    static final List<String> MODES = List.of("baseline", "optimized");

    private AbComparison() {
    }

    /** One run's figures. */
    record Run(String mode, int users, LoadResult load, double cpuShare, double gcShare, long heapAfterGc, long peakRss) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Map.of("--users", "8,16", "--rounds", "2", "--seconds", "20",
                "--warmup", "10", "--xmx", "256m", "--tenants", "100", "--templates", "20", "--port", "18097",
                "--scenario", "side-by-side"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!o.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + o.keySet());
            }
            o.put(args[i], args[i + 1]);
        }
        Path home = Path.of("distribution/target/memtune").toAbsolutePath();
        Path work = Path.of("benchmarks/target/load-ab").toAbsolutePath();
        Path corpus = work.resolve("corpus");
        if (!Files.exists(corpus.resolve("context.json"))) {
            CorpusGenerator.main(new String[] {"--out", corpus.toString(), "--tenants", o.get("--tenants"), "--templates",
                o.get("--templates"), "--shared-ratio", "0.3"});
        }
        List<ClosedLoopLoad.Target> targets = targets(corpus);
        int port = Integer.parseInt(o.get("--port"));
        List<String> flags = List.of("-Xmx" + o.get("--xmx"), "-Xms" + o.get("--xmx"), "-XX:+UseG1GC");
        if (o.get("--scenario").equals("overload")) {
            overload(home, work, corpus, port, flags, targets, Integer.parseInt(o.get("--users").split(",")[0].trim()),
                    Integer.parseInt(o.get("--warmup")), Integer.parseInt(o.get("--seconds")));
            return;
        }
        List<Run> runs = new ArrayList<>();
        for (int round = 0; round < Integer.parseInt(o.get("--rounds")); round++) {
            for (String usersText : o.get("--users").split(",")) {
                int users = Integer.parseInt(usersText.trim());
                for (String mode : MODES) {
                    Run run = run(home, work, corpus, mode, port, flags, targets, users, Integer.parseInt(o.get("--warmup")),
                            Integer.parseInt(o.get("--seconds")));
                    System.out.println(describe(run));
                    runs.add(run);
                }
            }
        }
        String table = table(runs, flags, targets.size());
        System.out.print(table);
        Files.writeString(work.resolve("load-ab.md"), table);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(work.resolve("load-ab.json").toFile(),
                Map.of("flags", flags, "pages", targets.size(), "runs", runs));
    }

    private static List<ClosedLoopLoad.Target> targets(Path corpus) throws IOException {
        String body = Files.readString(corpus.resolve("context.json"));
        List<ClosedLoopLoad.Target> targets = new ArrayList<>();
        try (var tenants = Files.list(corpus.resolve("templates"))) {
            for (Path tenant : tenants.filter(t -> !t.getFileName().toString().startsWith("_")).sorted().toList()) {
                try (var pages = Files.list(tenant)) {
                    pages.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("page")).sorted()
                            .forEach(n -> targets.add(new ClosedLoopLoad.Target("render/" + tenant.getFileName() + "/"
                                    + n.replace(".mustache", ""), body)));
                }
            }
        }
        return targets;
    }

    /** Deep queues, long deadlines: nothing refused, the side-by-side runs measure serving, not admission. */
    static final String PATIENT = "{\"executor.name\": \"render\", \"workers.min\": 2, \"workers.max\": 4,"
            + " \"queue.interactive\": 1000, \"deadline.ms\": 30000}";

    /** The shipped dev settings: bounded queue, 2 s deadline, shedding on (what overload meets). */
    static final String SHIPPED = "{\"executor.name\": \"render\", \"workers.min\": 2, \"workers.max\": 4,"
            + " \"queue.interactive\": 100, \"deadline.ms\": 2000}";

    /** Starts the distribution; the same settings for both sides, only the template service's mode differs. */
    private static Process start(Path home, Path work, Path corpus, String mode, int port, List<String> flags, String executor)
            throws Exception {
        Path config = work.resolve("config-" + mode);
        Files.createDirectories(config.resolve("environments"));
        Files.writeString(config.resolve("environments/bench.json"), "{\n"
                + "  \"org.apache.felix.http\": {\"org.apache.felix.http.host\": \"127.0.0.1\", \"org.osgi.service.http.port\": "
                + port + "},\n"
                + "  \"io.memtune.template\": {\"templates.root\": \"" + corpus.resolve("templates") + "\", \"mode\": \"" + mode
                + "\"},\n"
                + "  \"io.memtune.concurrency.executor~render\": " + executor + "\n"
                + "}\n");
        Path log = home.resolve("data/log/memtune.log");
        Files.deleteIfExists(log);
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/memtune").toString(), "--config", config.toString(),
                "--env", "bench", "--no-shell").redirectErrorStream(true).redirectOutput(work.resolve("server-" + mode + ".out").toFile());
        builder.environment().put("MEMTUNE_OPTS", String.join(" ", flags));
        Process server = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(Files.exists(log) && Files.readString(log).contains("memtune ready"))) {
            if (System.nanoTime() > deadline || !server.isAlive()) {
                server.destroy();
                throw new IllegalStateException(mode + ": the container did not start; see " + log);
            }
            Thread.sleep(200);
        }
        return server;
    }

    private static Run run(Path home, Path work, Path corpus, String mode, int port, List<String> flags,
            List<ClosedLoopLoad.Target> targets, int users, int warmup, int seconds) throws Exception {
        Process server = start(home, work, corpus, mode, port, flags, PATIENT);
        try {
            URI base = URI.create("http://127.0.0.1:" + port + "/");
            ClosedLoopLoad load = new ClosedLoopLoad(base, targets, Duration.ofSeconds(30));
            load.run(users, Duration.ZERO, Duration.ofSeconds(warmup), Duration.ZERO); // compiles, JIT, caches
            long cpuBefore = ProcStats.cpuNanos(server.pid());
            long wallBefore = System.nanoTime();
            LoadResult result = load.run(users, Duration.ZERO, Duration.ofSeconds(seconds), Duration.ZERO);
            double cpuShare = (ProcStats.cpuNanos(server.pid()) - cpuBefore)
                    / (double) ((System.nanoTime() - wallBefore) * Runtime.getRuntime().availableProcessors());
            // the heap with the corpus loaded: a full collection first, so both sides are measured alike
            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(server.pid()),
                    "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            Thread.sleep(500);
            Map<String, Double> metrics = metrics(base.resolve("metrics"));
            return new Run(mode, users, result, cpuShare, metrics.getOrDefault("memtune_jvm_gc_overhead", Double.NaN),
                    metrics.getOrDefault("memtune_jvm_heap_used_after_gc", Double.NaN).longValue(),
                    ProcStats.peakRss(server.pid()));
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /**
     * The overload scenario, each mode in turn: N1 users (the unloaded figures), 8 N1 (overload: what is
     * served, how fast the rest is refused), N1 again (recovery), with the shipped executor settings.
     */
    private static void overload(Path home, Path work, Path corpus, int port, List<String> flags,
            List<ClosedLoopLoad.Target> targets, int n1, int warmup, int seconds) throws Exception {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "overload: %d users, then %d, then %d again, %d s"
                + " each; server flags %s; shipped executor settings %s%n%n| mode | phase | users | goodput/s | 200 p99 ms |"
                + " 503 p99 ms | success |%n|---|---|---|---|---|---|---|%n", n1, 8 * n1, n1, seconds, String.join(" ", flags), SHIPPED));
        for (String mode : MODES) {
            Process server = start(home, work, corpus, mode, port, flags, SHIPPED);
            try {
                ClosedLoopLoad load = new ClosedLoopLoad(URI.create("http://127.0.0.1:" + port + "/"), targets, Duration.ofSeconds(30));
                load.run(n1, Duration.ZERO, Duration.ofSeconds(warmup), Duration.ZERO);
                String[] phases = {"unloaded", "overload", "recovery"};
                int[] users = {n1, 8 * n1, n1};
                for (int i = 0; i < 3; i++) {
                    LoadResult r = load.run(users[i], Duration.ZERO, Duration.ofSeconds(seconds), Duration.ZERO);
                    String row = String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.2f | %.2f | %.2f%% |%n", mode, phases[i], users[i],
                            r.goodput(), r.okP99Millis(), r.refusedP99Millis(), r.successRatio() * 100);
                    System.out.print(row);
                    t.append(row);
                }
            } finally {
                server.destroy();
                server.waitFor();
            }
        }
        System.out.print(t);
        Files.writeString(work.resolve("overload.md"), t.toString());
    }

    /** The server's own gauges, from its Prometheus text. */
    private static Map<String, Double> metrics(URI uri) throws IOException, InterruptedException {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
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

    static String describe(Run r) {
        return String.format(Locale.ROOT, "%-9s %3d users: %s; server CPU %.0f%% of the machine, GC %.1f%%, heap after GC %.1f MB,"
                + " peak RSS %.0f MB", r.mode(), r.users(), r.load().toText(), r.cpuShare() * 100, r.gcShare() * 100,
                r.heapAfterGc() / 1048576.0, r.peakRss() / 1048576.0);
    }

    static String table(List<Run> runs, List<String> flags, int pages) {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%d pages; server flags %s; runs alternate baseline and"
                + " optimized%n%n| mode | users | req/s | p50 ms | p99 ms | p99.9 ms | success | CPU | GC | heap after GC | peak RSS |%n"
                + "|---|---|---|---|---|---|---|---|---|---|---|%n", pages, String.join(" ", flags)));
        for (Run r : runs) {
            t.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %.2f | %.2f%% | %.0f%% | %.1f%% | %.1f MB | %.0f MB |%n",
                    r.mode(), r.users(), r.load().throughput(), r.load().p50Millis(), r.load().p99Millis(), r.load().p999Millis(),
                    r.load().successRatio() * 100, r.cpuShare() * 100, r.gcShare() * 100, r.heapAfterGc() / 1048576.0,
                    r.peakRss() / 1048576.0));
        }
        return t.toString();
    }
}
