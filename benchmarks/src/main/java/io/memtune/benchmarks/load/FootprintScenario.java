package io.memtune.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The footprint scenario (issue item 4): the peak resident set at N1 users, as the operator sees it, three ways. Each
 * round runs both modes on the distribution as shipped (its jvm.options), asks the tuner of each run for a jvm.options
 * under that run's load ({@code bin/memtune client "memtune:tune --jvm-options --collect"}: one full collection
 * measures the live set, the tuner sizes the heap and picks the collector from its window), puts each answer in place
 * of jvm.options in a copy of the distribution and runs that mode again on it. Nothing is chosen by hand: the flags of
 * the second runs are what the tuner printed. The tuner is asked again at the end of the second runs, to show whether
 * it would change its own proposal.
 *
 * @param users the load (N1)
 * @param cds whether the second runs also have the AppCDS archive ({@code bin/memtune --create-cds}) an operator makes
 *     after tuning
 * @param shippedOptions the distribution's jvm.options, as bin/memtune reads them
 * @param runs every run, in the order run
 */
record FootprintScenario(int users, boolean cds, List<String> shippedOptions, List<FootprintRun> runs) {

    static final String SHIPPED = "shipped";
    static final String TUNED = "tuner-proposed";
    static final String ASK = "memtune:tune --jvm-options --collect";

    /**
     * One run.
     *
     * @param flags {@link #SHIPPED} or {@link #TUNED}
     * @param jvmOptions the options the container ran with (its jvm.options without comments)
     * @param peakRss the process's peak resident set (VmHWM) at the end of the measured window
     * @param heapCommitted the heap committed then (the server's own gauge)
     * @param liveSet the live set the tuner measured when asked (its full collection under the load), -1 unknown
     * @param proposal the jvm.options the tuner proposed at the end of the run (the options, without comments)
     * @param proposalText the same as printed, with the figures behind each flag
     */
    record FootprintRun(int round, String mode, String flags, List<String> jvmOptions, LoadResult load, double cpuShare,
            long peakRss, long heapCommitted, long liveSet, List<String> proposal, String proposalText) {
    }

    static FootprintScenario run(Bench shipped, int users, ReportPlan plan, boolean cds) throws Exception {
        List<String> shippedOptions = PerformanceReport.jvmOptions(shipped.home());
        List<FootprintRun> runs = new ArrayList<>();
        for (int round = 1; round <= plan.rounds(); round++) {
            List<FootprintRun> asked = new ArrayList<>();
            for (String mode : AbComparison.MODES) {
                FootprintRun run = retried(shipped, mode, SHIPPED, users, plan, round);
                runs.add(run);
                asked.add(run);
            }
            for (FootprintRun before : asked) {
                Bench tuned = tunedInstallation(shipped, before, cds);
                runs.add(retried(tuned, before.mode(), TUNED, users, plan, round));
            }
        }
        return new FootprintScenario(users, cds, shippedOptions, runs);
    }

    private static FootprintRun retried(Bench bench, String mode, String flags, int users, ReportPlan plan, int round)
            throws Exception {
        FootprintRun run = ServerStopped.retried(mode + " on " + flags + " flags", () -> measure(bench, mode, flags, users, plan, round));
        System.out.printf(java.util.Locale.ROOT, "footprint: round %d, %-9s on %-14s flags: %s; peak RSS %.0f MB, heap committed %.0f MB,"
                + " live set %.1f MB%n", round, mode, flags, run.load().toText(), run.peakRss() / 1048576.0, run.heapCommitted() / 1048576.0,
                run.liveSet() / 1048576.0);
        return run;
    }

    /** Warm-up, the measured window, then the tuner asked under the same load (after the window: its pause is not in it). */
    private static FootprintRun measure(Bench bench, String mode, String flags, int users, ReportPlan plan, int round)
            throws Exception {
        List<String> portOnly = List.of("-Dorg.osgi.service.http.port=" + bench.port(), "-Dorg.apache.felix.http.host=127.0.0.1");
        try (Server server = Server.start(bench, mode, portOnly, AbComparison.PATIENT)) {
            ClosedLoopLoad load = new ClosedLoopLoad(server.base(), bench.targets(), Duration.ofSeconds(30));
            load.run(users, Duration.ZERO, plan.warmUp(), bench.think());
            server.requireAlive();
            ProcStats.CpuWindow cpu = ProcStats.CpuWindow.open(server.pid());
            LoadResult result = load.run(users, Duration.ZERO, plan.measured(), bench.think());
            server.requireAlive();
            double cpuShare = cpu.share();
            long peak = ProcStats.peakRss(server.pid());
            long committed = server.metrics().getOrDefault("memtune_jvm_memory_heap_committed", -1.0).longValue();
            CompletableFuture<LoadResult> underLoad = CompletableFuture.supplyAsync(() -> {
                try {
                    return load.run(users, Duration.ZERO, plan.probe(), bench.think());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(plan.probe().toMillis() / 2); // the question comes in the middle of the load it is asked under
            ExternalCommand.Answer answer = new ShellClient(bench.home()).run(ASK, Duration.ofSeconds(120));
            underLoad.join();
            if (!answer.ok()) {
                throw new IllegalStateException(mode + ": '" + ASK + "' failed (exit " + answer.exit() + "): " + answer.output());
            }
            return new FootprintRun(round, mode, flags, PerformanceReport.jvmOptions(bench.home()), result, cpuShare, peak, committed,
                    liveSet(answer.output()), options(answer.output()), answer.output());
        }
    }

    private static final Pattern LIVE = Pattern.compile("Live set \\(heap after a whole-heap collection\\): peak ([0-9.]+) (MB|KB)");

    /** The live set the tuner reports in its header, -1 when it reports none. */
    static long liveSet(String proposal) {
        Matcher m = LIVE.matcher(proposal);
        return !m.find() ? -1 : (long) (Double.parseDouble(m.group(1)) * (m.group(2).equals("MB") ? 1048576 : 1024));
    }

    /** The options of a jvm.options text, as bin/memtune reads them: comments and blank lines dropped. */
    static List<String> options(String text) {
        return Arrays.stream(text.split("\n")).map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
    }

    /**
     * A copy of the distribution (without its data) whose jvm.options is what the tuner proposed in {@code asked}; with
     * {@code cds}, the AppCDS archive made for it as the tuning guide says ({@code bin/memtune --create-cds}).
     */
    private static Bench tunedInstallation(Bench shipped, FootprintRun asked, boolean cds) throws IOException, InterruptedException {
        Path home = shipped.work().resolve("tuned-" + asked.mode()).resolve("memtune");
        deleteTree(home);
        try (Stream<Path> files = Files.walk(shipped.home())) {
            for (Path from : files.filter(p -> !shipped.home().relativize(p).startsWith("data")).toList()) {
                Path to = home.resolve(shipped.home().relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.writeString(home.resolve("jvm.options"), asked.proposalText());
        Files.writeString(shipped.work().resolve("proposal-" + asked.mode() + "-round" + asked.round() + ".options"), asked.proposalText());
        Bench tuned = new Bench(home, shipped.work(), shipped.corpus(), shipped.targets(), shipped.port(), shipped.think());
        if (cds) {
            Path environment = Server.environmentFile(tuned, asked.mode());
            Files.createDirectories(environment.getParent());
            Files.writeString(environment, Server.settings(tuned, asked.mode(), AbComparison.PATIENT));
            ProcessBuilder create = new ProcessBuilder(home.resolve("bin/memtune").toString(), "--create-cds", "--config",
                    environment.getParent().getParent().toString(), "--env", "bench").redirectErrorStream(true)
                    .redirectOutput(shipped.work().resolve("create-cds-" + asked.mode() + ".out").toFile());
            create.environment().put("MEMTUNE_OPTS", "-Dorg.osgi.service.http.port=" + shipped.port() + " -Dorg.apache.felix.http.host=127.0.0.1");
            int exit = create.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("bin/memtune --create-cds failed (exit " + exit + "): see "
                        + shipped.work().resolve("create-cds-" + asked.mode() + ".out"));
            }
        }
        return tuned;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The median over the rounds of one figure of one mode on one kind of flags. */
    double median(String mode, String flags, ToDoubleFunction<FootprintRun> figure) {
        return Stats.median(runs.stream().filter(r -> r.mode().equals(mode) && r.flags().equals(flags)).mapToDouble(figure).toArray());
    }

    /** Optimized's median peak RSS on {@code optimizedFlags} over baseline's on {@code baselineFlags}. */
    double rssRatio(String optimizedFlags, String baselineFlags) {
        return median("optimized", optimizedFlags, FootprintRun::peakRss) / median("baseline", baselineFlags, FootprintRun::peakRss);
    }

    /**
     * The lowest ratio both modes on tuned flags could reach with the JVM's own memory as measured: what is not heap
     * (baseline's peak RSS minus its committed heap) is the same in both modes, so the ratio is bounded below by
     * (that + optimized's heap) / (that + baseline's heap).
     */
    double tunedRatioBound() {
        double baselineRss = median("baseline", TUNED, FootprintRun::peakRss);
        double baselineHeap = median("baseline", TUNED, FootprintRun::heapCommitted);
        double optimizedHeap = median("optimized", TUNED, FootprintRun::heapCommitted);
        double jvm = baselineRss - baselineHeap;
        return (jvm + optimizedHeap) / (jvm + baselineHeap);
    }

    /** Options of a tuned run's own re-proposal that differ from what it ran with (the tuner would change them). */
    static List<String> changedByReproposal(FootprintRun tuned) {
        List<String> changed = new ArrayList<>(tuned.proposal());
        changed.removeAll(tuned.jvmOptions());
        return changed;
    }

    /** The scenario's figures as plain data. */
    Map<String, Object> toJson() {
        return Map.of("users", users, "cds_on_tuned_side", cds, "shipped_jvm_options", shippedOptions,
                "peak_rss_optimized_tuned_vs_baseline_shipped", rssRatio(TUNED, SHIPPED),
                "peak_rss_optimized_vs_baseline_shipped_flags", rssRatio(SHIPPED, SHIPPED),
                "peak_rss_optimized_vs_baseline_tuned_flags", rssRatio(TUNED, TUNED),
                "tuned_ratio_bound_from_heaps", tunedRatioBound(),
                "runs", runs.stream().map(r -> Map.ofEntries(Map.entry("round", r.round()), Map.entry("mode", r.mode()),
                        Map.entry("flags", r.flags()), Map.entry("jvm_options", r.jvmOptions()), Map.entry("throughput", r.load().throughput()),
                        Map.entry("p99_ms", r.load().p99Millis()), Map.entry("success", r.load().successRatio()),
                        Map.entry("cpu", r.cpuShare()), Map.entry("peak_rss_bytes", r.peakRss()),
                        Map.entry("heap_committed_bytes", r.heapCommitted()), Map.entry("live_set_bytes", r.liveSet()),
                        Map.entry("proposal", r.proposal()))).toList());
    }
}
