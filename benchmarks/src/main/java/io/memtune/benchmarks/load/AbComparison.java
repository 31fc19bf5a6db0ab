package io.memtune.benchmarks.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The side-by-side load comparison on the real distribution: the container started in baseline mode (plain
 * Mustache.java) and in optimized mode, alternately, with the same JVM flags, heap cap, corpus, settings and
 * load; per run the load's figures (throughput, latency percentiles, answers by status) and the server's
 * (CPU share of the machine, GC share of time, heap used after GC, peak RSS). The load report
 * ({@link PerformanceReport}) runs its scenarios through {@link #run}.
 *
 * <pre>
 * java -cp ... io.memtune.benchmarks.load.AbComparison [--users 8,16] [--rounds 2] [--seconds 20]
 *     [--warmup 10] [--xmx 256m] [--tenants 100] [--templates 20] [--think 0ms]
 * </pre>
 */
public final class AbComparison {

    static final List<String> MODES = List.of("baseline", "optimized");

    private AbComparison() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Map.of("--users", "8,16", "--rounds", "2", "--seconds", "20",
                "--warmup", "10", "--xmx", "256m", "--tenants", "100", "--templates", "20", "--port", "18097",
                "--scenario", "side-by-side", "--think", "0ms"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!o.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + o.keySet());
            }
            o.put(args[i], args[i + 1]);
        }
        Bench bench = Bench.of(Path.of("distribution/target/memtune").toAbsolutePath(), Path.of("benchmarks/target/load-ab").toAbsolutePath(),
                Integer.parseInt(o.get("--tenants")), Integer.parseInt(o.get("--templates")), Integer.parseInt(o.get("--port")),
                LoadGenerator.duration("--think", o.get("--think")));
        List<String> flags = bench.flags(o.get("--xmx"));
        Duration warmUp = Duration.ofSeconds(Integer.parseInt(o.get("--warmup")));
        Duration measured = Duration.ofSeconds(Integer.parseInt(o.get("--seconds")));
        if (o.get("--scenario").equals("overload")) {
            overload(bench, flags, Integer.parseInt(o.get("--users").split(",")[0].trim()), warmUp, measured);
            return;
        }
        List<Run> runs = new ArrayList<>();
        for (int round = 0; round < Integer.parseInt(o.get("--rounds")); round++) {
            for (String usersText : o.get("--users").split(",")) {
                for (String mode : MODES) {
                    Run run = run(bench, mode, flags, Integer.parseInt(usersText.trim()), warmUp, measured);
                    System.out.println(describe(run));
                    runs.add(run);
                }
            }
        }
        String table = table(runs, flags, bench.targets().size());
        System.out.print(table);
        Files.writeString(bench.work().resolve("load-ab.md"), table);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(bench.work().resolve("load-ab.json").toFile(),
                Map.of("flags", flags, "pages", bench.targets().size(), "runs", runs));
    }

    /**
     * Deep queues, long deadlines, no shedding (CoDel's queue-delay target out of reach): nothing refused for being
     * busy, so these runs measure serving, not admission. The memory line stays: refusing work the heap cannot
     * hold is how the container protects itself, and the memory-bound scenario is there to show it.
     */
    static final String PATIENT = "{\"executor.name\": \"render\", \"workers.min\": 2, \"workers.max\": 4,"
            + " \"queue.interactive\": 1000, \"deadline.ms\": 30000, \"shed.target.ms\": 60000, \"shed.interval.ms\": 60000}";

    /** The shipped dev settings: bounded queue, 2 s deadline, shedding on (what overload meets). */
    static final String SHIPPED = "{\"executor.name\": \"render\", \"workers.min\": 2, \"workers.max\": 4,"
            + " \"queue.interactive\": 100, \"deadline.ms\": 2000}";

    /**
     * One closed-loop run on a container of its own (so no run inherits another's heap or JIT): warm-up (every
     * page compiled, JIT, caches), then the measured window with the server sampled every second, then a full
     * collection and the heap after it.
     */
    static Run run(Bench bench, String mode, List<String> flags, int users, Duration warmUp, Duration measured) throws Exception {
        return ServerStopped.retried(mode + " at " + users + " users", () -> measure(bench, mode, flags, users, warmUp, measured));
    }

    private static Run measure(Bench bench, String mode, List<String> flags, int users, Duration warmUp, Duration measured)
            throws Exception {
        try (Server server = Server.start(bench, mode, flags, PATIENT)) {
            ClosedLoopLoad load = new ClosedLoopLoad(server.base(), bench.targets(), Duration.ofSeconds(30));
            load.run(users, Duration.ZERO, warmUp, bench.think());
            server.requireAlive();
            long origin = System.nanoTime();
            LatencySeries series = new LatencySeries(origin);
            ServerSampler sampler = ServerSampler.start(server, origin);
            ProcStats.CpuWindow cpu = ProcStats.CpuWindow.open(server.pid());
            LoadResult result = load.run(users, Duration.ZERO, measured, bench.think(), series);
            server.requireAlive();
            double cpuShare = cpu.share();
            List<ServerSampler.Sample> samples = sampler.stop();
            long heapAfterGc = server.heapAfterFullGc();
            return new Run(mode, users, result, cpuShare, ServerSampler.gcShare(samples), heapAfterGc, ProcStats.peakRss(server.pid()),
                    ServerSampler.fullGcs(samples), series.seconds(), samples);
        }
    }

    /**
     * The first overload scenario (closed loop), each mode in turn: N1 users (the unloaded figures), 8 N1
     * (overload: what is served, how fast the rest is refused), N1 again (recovery), with the shipped executor
     * settings. Closed-loop users slow down with the server, so this rarely overloads it; the load report's
     * open-loop scenario ({@link OverloadScenario}) does.
     */
    private static void overload(Bench bench, List<String> flags, int n1, Duration warmUp, Duration phase) throws Exception {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "overload: %d users, then %d, then %d again, %d s"
                + " each; server flags %s; shipped executor settings %s%n%n| mode | phase | users | goodput/s | 200 p99 ms |"
                + " 503 p99 ms | success |%n|---|---|---|---|---|---|---|%n", n1, 8 * n1, n1, phase.toSeconds(), String.join(" ", flags),
                SHIPPED));
        for (String mode : MODES) {
            try (Server server = Server.start(bench, mode, flags, SHIPPED)) {
                ClosedLoopLoad load = new ClosedLoopLoad(server.base(), bench.targets(), Duration.ofSeconds(30));
                load.run(n1, Duration.ZERO, warmUp, Duration.ZERO);
                String[] phases = {"unloaded", "overload", "recovery"};
                int[] users = {n1, 8 * n1, n1};
                for (int i = 0; i < 3; i++) {
                    LoadResult r = load.run(users[i], Duration.ZERO, phase, Duration.ZERO);
                    String row = String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.2f | %.2f | %.2f%% |%n", mode, phases[i], users[i],
                            r.goodput(), r.okP99Millis(), r.refusedP99Millis(), r.successRatio() * 100);
                    System.out.print(row);
                    t.append(row);
                }
            }
        }
        System.out.print(t);
        Files.writeString(bench.work().resolve("overload.md"), t.toString());
    }

    static String describe(Run r) {
        return String.format(Locale.ROOT, "%-9s %3d users: %s; server CPU %.0f%% of its CPUs, GC %.1f%%, heap after GC %.1f MB,"
                + " peak RSS %.0f MB, full GCs %d", r.mode(), r.users(), r.load().toText(), r.cpuShare() * 100, r.gcShare() * 100,
                r.heapAfterGc() / 1048576.0, r.peakRss() / 1048576.0, r.fullGcs());
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
