package io.memtune.benchmarks.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.memtune.benchmarks.CorpusShape;

/**
 * The load measurement of record for CPU per request ({@code benchmarks/run-saturation.sh}; docs/performance.md, "CPU
 * per request by corpus shape"): for every corpus shape and the distribution's sample corpus, both modes alternated
 * over rounds, each run a fresh container of the assembled distribution pinned to the server CPUs and Debian's wrk
 * pinned to others; first a check that both modes render every page to the same bytes, then per run the warm-up to
 * steady state (timed) and the measured windows at saturation; the cold start at a few connections too.
 */
public final class Saturation {

    private static final String[] MODES = {"baseline", "optimized"};

    private Saturation() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println("usage: " + SaturationPlan.USAGE);
            return;
        }
        SaturationPlan plan;
        try {
            plan = SaturationPlan.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("run-saturation: " + e.getMessage());
            System.err.println("usage: " + SaturationPlan.USAGE);
            System.exit(2);
            return;
        }
        requireTools(plan);
        SaturationReport report = run(plan, "benchmarks/run-saturation.sh " + String.join(" ", args));
        Path out = plan.work();
        String markdown = report.markdown();
        Files.writeString(out.resolve("saturation.md"), markdown);
        Files.writeString(out.resolve("saturation.json"), report.json());
        System.out.println(markdown);
        System.err.println("report: " + out.resolve("saturation.md") + " and " + out.resolve("saturation.json"));
    }

    private static void requireTools(SaturationPlan plan) throws IOException, InterruptedException {
        if (!Files.isExecutable(plan.home().resolve("bin/memtune"))) {
            throw new IllegalStateException("no assembled distribution at " + plan.home() + " (build it: mvn -pl distribution -am"
                    + " -DskipTests package)");
        }
        for (List<String> probe : List.of(List.of("taskset", "-c", plan.serverCpus(), "true"),
                List.of("taskset", "-c", plan.clientCpus(), "wrk", "--version"))) {
            ExternalCommand.Answer answer = ExternalCommand.run(probe, Duration.ofSeconds(10));
            // wrk --version exits 1 after printing its version
            if (!answer.ok() && !answer.output().contains("wrk ")) {
                throw new IllegalStateException("cannot run " + String.join(" ", probe) + " (wrk: apt-get install wrk; a CPU list"
                        + " this machine has: see nproc): " + answer.output().strip());
            }
        }
    }

    private static final String DIGESTS = "digests";

    static SaturationReport run(SaturationPlan plan, String command) throws IOException, InterruptedException {
        Path work = plan.work();
        Files.createDirectories(work);
        Path windowsLog = work.resolve("windows.jsonl");
        Files.deleteIfExists(windowsLog);
        ObjectMapper json = new ObjectMapper();
        int port = freePort();
        List<SaturationReport.CorpusInfo> infos = new ArrayList<>();
        List<SaturationRun> runs = new ArrayList<>();
        Map<String, List<String>> commandLines = new LinkedHashMap<>();
        Map<String, String> vmFlags = new LinkedHashMap<>();
        WrkWindow.Command wrk = null;
        for (String name : plan.corpora()) {
            Path dir = work.resolve(name);
            Files.createDirectories(dir);
            SaturationCorpus corpus = name.equals(SaturationPlan.SAMPLES) ? SaturationCorpus.samples(plan.home())
                    : SaturationCorpus.generated(CorpusShape.of(name), plan, dir.resolve("corpus"));
            Progress.print("corpus %s: %s", name, corpus.description());
            Path home = PinnedContainer.install(plan.home(), corpus.templates(), dir.resolve("memtune"));
            Path targets = dir.resolve("targets.tsv");
            WrkWindow.writeTargets(targets, corpus.targets());
            WrkWindow.writeScripts(dir, targets, port);
            wrk = new WrkWindow.Command(plan.clientCpus(), plan.threads(), dir.resolve("load.lua"), dir.resolve("load-counting.lua"),
                    port);
            String digest = checkOutputs(plan, corpus, home, port, dir);
            infos.add(new SaturationReport.CorpusInfo(name, corpus.description(), corpus.targets().size(), digest));
            for (int round = 1; round <= plan.rounds(); round++) {
                for (String mode : MODES) {
                    List<SaturationRun> these = new ArrayList<>();
                    try (PinnedContainer server = start(plan, home, mode, port, dir, "round" + round)) {
                        commandLines.putIfAbsent(mode, server.commandLine());
                        these.add(SaturationRun.run(name, mode, round, SaturationRun.SATURATION, plan.connections(), server, wrk, plan,
                                dir));
                        vmFlags.putIfAbsent(mode, server.vmFlags());
                    }
                    if (round <= plan.coldRounds() && plan.coldConnections() > 0) {
                        try (PinnedContainer server = start(plan, home, mode, port, dir, "round" + round + "-cold")) {
                            these.add(SaturationRun.run(name, mode, round, SaturationRun.COLD, plan.coldConnections(), server, wrk,
                                    plan, dir));
                        }
                    }
                    for (SaturationRun run : these) {
                        Files.writeString(windowsLog, json.writeValueAsString(run) + "\n", StandardOpenOption.CREATE,
                                StandardOpenOption.APPEND);
                    }
                    runs.addAll(these);
                }
            }
        }
        String wrkLine = wrk == null ? "" : String.join(" ", wrk.line(plan.connections(), plan.measureSeconds(), false));
        return new SaturationReport(new SaturationReport.Setup(command, plan, machine(), commandLines, vmFlags, wrkLine), infos,
                runs);
    }

    private static PinnedContainer start(SaturationPlan plan, Path home, String mode, int port, Path dir, String what)
            throws IOException, InterruptedException {
        return PinnedContainer.start(home, mode, port, plan.heapFlags(), plan.serverCpus(), dir.resolve("server-" + mode + "-" + what
                + ".out"), !what.equals(DIGESTS));
    }

    /** Both modes, each in a container of its own, render every page once: the same status 200 and bytes, or nothing is measured. */
    private static String checkOutputs(SaturationPlan plan, SaturationCorpus corpus, Path home, int port, Path dir)
            throws IOException, InterruptedException {
        Map<String, Map<String, OutputDigests.Answer>> answers = new LinkedHashMap<>();
        for (String mode : MODES) {
            // not timed: the container's warm-up would only make the run longer
            try (PinnedContainer server = start(plan, home, mode, port, dir, DIGESTS)) {
                answers.put(mode, OutputDigests.collect(port, corpus.targets()));
            }
        }
        String digest = OutputDigests.requireIdentical(corpus.name(), answers.get("baseline"), answers.get("optimized"));
        Progress.print("corpus %s: both modes render all %d pages alike, SHA-256 %s", corpus.name(), corpus.targets().size(), digest);
        return digest;
    }

    /** A free port on the loopback, outside the ranges others use here (8080, 18000-18999). */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (port != 8080 && (port < 18000 || port > 18999)) {
                    return port;
                }
            }
        }
        throw new IllegalStateException("no free port outside 8080 and 18000-18999");
    }

    private static String machine() throws IOException {
        String model = "unknown CPU";
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                model = line.substring(line.indexOf(':') + 1).trim();
                break;
            }
        }
        return String.format("%s, %d CPUs, %s %s, driver JVM %s", model, ServerPinning.machineCpus(),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.vm.version"));
    }
}
