package io.memtune.benchmarks.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The saturation run's report: requests/s per server core at saturation after steady state, optimized / baseline, per
 * corpus (median over rounds of each round's median window), with time to steady state, the cold start, every window,
 * and every flag of both sides. Markdown for people, JSON for tools.
 *
 * @param setup how it was run
 * @param corpora what was loaded, with the digest both modes agreed on
 * @param runs every run, in the order they ran
 */
record SaturationReport(Setup setup, List<CorpusInfo> corpora, List<SaturationRun> runs) {

    /** The acceptance line of the issue: optimized serves at least this many times baseline's requests per core. */
    static final double TARGET_RATIO = 1.5;

    /**
     * @param command the command line of this run
     * @param plan its settings
     * @param machine CPU model and count, kernel
     * @param serverCommandLines per mode, the server JVM's command line (from /proc)
     * @param vmFlags per mode, the flags the JVM settled on (jcmd VM.flags)
     * @param wrk wrk's command line while measuring
     */
    record Setup(String command, SaturationPlan plan, String machine, Map<String, List<String>> serverCommandLines,
            Map<String, String> vmFlags, String wrk) {
    }

    /** @param digest SHA-256 over every page's SHA-256, the same in both modes */
    record CorpusInfo(String name, String description, int pages, String digest) {
    }

    /** One corpus's figures. */
    record Row(String corpus, double baselineRpsPerCore, double optimizedRpsPerCore, double baselineSteadyAfter,
            double optimizedSteadyAfter, double baselineCold, double optimizedCold, double baselineColdFew,
            double optimizedColdFew, List<String> flags) {

        double ratio() {
            return optimizedRpsPerCore / baselineRpsPerCore;
        }
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (CorpusInfo corpus : corpora) {
            List<String> flags = new ArrayList<>();
            for (SaturationRun run : runs) {
                if (run.corpus().equals(corpus.name())) {
                    for (String flag : run.flags(SaturationPlan.cpuCount(setup.plan().serverCpus()))) {
                        flags.add(run.mode() + " round " + run.round() + " " + run.kind() + ": " + flag);
                    }
                }
            }
            rows.add(new Row(corpus.name(), median(corpus.name(), "baseline", SaturationRun.SATURATION, SaturationRun::rpsPerCore),
                    median(corpus.name(), "optimized", SaturationRun.SATURATION, SaturationRun::rpsPerCore),
                    median(corpus.name(), "baseline", SaturationRun.SATURATION, SaturationRun::steadyAfterSeconds),
                    median(corpus.name(), "optimized", SaturationRun.SATURATION, SaturationRun::steadyAfterSeconds),
                    median(corpus.name(), "baseline", SaturationRun.SATURATION, SaturationRun::coldFraction),
                    median(corpus.name(), "optimized", SaturationRun.SATURATION, SaturationRun::coldFraction),
                    median(corpus.name(), "baseline", SaturationRun.COLD, SaturationRun::coldFraction),
                    median(corpus.name(), "optimized", SaturationRun.COLD, SaturationRun::coldFraction), List.copyOf(flags)));
        }
        return rows;
    }

    private double median(String corpus, String mode, String kind, ToDoubleFunction<SaturationRun> figure) {
        List<Double> values = runs.stream().filter(r -> r.corpus().equals(corpus) && r.mode().equals(mode) && r.kind().equals(kind))
                .map(figure::applyAsDouble).filter(v -> !Double.isNaN(v)).toList();
        return values.isEmpty() ? Double.NaN : SteadyState.median(values);
    }

    String markdown() {
        SaturationPlan plan = setup.plan();
        StringBuilder md = new StringBuilder();
        md.append("## CPU per request by corpus shape\n\n");
        md.append("Command: `").append(setup.command()).append("`\n\n");
        md.append("Machine: ").append(setup.machine()).append(". Server pinned to CPUs `").append(plan.serverCpus())
                .append("` (`taskset -c`), wrk (and this driver) to CPUs `").append(plan.clientCpus()).append("`.\n\n");
        md.append("Load: `").append(setup.wrk()).append("` (closed loop; Debian's wrk). Warm-up from \"memtune ready\" in ")
                .append(plan.windowSeconds()).append(" s windows at ").append(plan.connections()).append(" connections until three in a row lie within ±")
                .append(Math.round(plan.steadyBand() * 100)).append(" % of their median (at least ").append(plan.coldSeconds())
                .append(" s, at most ").append(plan.steadyCapSeconds()).append(" s); then ").append(plan.measureWindows()).append(" x ")
                .append(plan.measureSeconds()).append(" s measured. Rounds: ").append(plan.rounds())
                .append(", modes alternated (baseline, optimized, ...), a fresh container per run.\n\n");
        md.append("Requests/s per server core = requests / server CPU-seconds (utime + stime of the JVM from /proc/<pid>/stat over the"
                + " window), i.e. requests/s divided by the server's CPU share.\n\n");
        md.append("Server flags, both modes (JVM command line; shipped jvm.options, then MEMTUNE_OPTS `")
                .append(String.join(" ", plan.heapFlags())).append("`; environment: shipped config/environments/dev.json with only"
                        + " `io.memtune.template` mode and the HTTP port changed):\n\n");
        setup.serverCommandLines().forEach((mode, line) -> md.append("- ").append(mode).append(": `").append(String.join(" ", line))
                .append("`\n"));
        md.append("\n");
        setup.vmFlags().forEach((mode, flags) -> md.append("- ").append(mode).append(" `jcmd VM.flags`: `")
                .append(flags.replace("\n", " ")).append("`\n"));
        md.append("\n### Requests/s per server core at saturation, after steady state\n\n");
        md.append("| corpus | baseline req/s per core | optimized req/s per core | optimized / baseline | ≥ ").append(TARGET_RATIO)
                .append("x | steady after (s), baseline / optimized | 20–30 s req/s as share of steady, c=").append(plan.connections())
                .append(" | same, c=").append(plan.coldConnections()).append(" | flags |\n|---|---:|---:|---:|---|---|---|---|---|\n");
        for (Row row : rows()) {
            md.append(String.format("| %s | %.0f | %.0f | %.2fx | %s | %s / %s | %s / %s | %s / %s | %s |%n", row.corpus(),
                    row.baselineRpsPerCore(), row.optimizedRpsPerCore(), row.ratio(), row.ratio() >= TARGET_RATIO ? "yes" : "**no**",
                    seconds(row.baselineSteadyAfter()), seconds(row.optimizedSteadyAfter()), share(row.baselineCold()),
                    share(row.optimizedCold()), share(row.baselineColdFew()), share(row.optimizedColdFew()),
                    row.flags().isEmpty() ? "none" : "**" + String.join("; ", row.flags()) + "**"));
        }
        List<Row> rows = rows();
        boolean met = rows.stream().allMatch(r -> r.ratio() >= TARGET_RATIO);
        boolean clean = rows.stream().allMatch(r -> r.flags().isEmpty());
        md.append("\nEach figure is the median over rounds of a round's median window; shares read baseline / optimized.\n\n")
                .append(String.format("**Optimized / baseline ≥ %.1fx on every corpus: %s; runs flagged: %s.**%n", TARGET_RATIO,
                        met ? "yes" : "no", clean ? "none" : "some (see flags: the figures of a flagged run are suspect)"));
        md.append("\n### Corpora (both modes answered every page 200 with the same bytes before anything was measured)\n\n");
        for (CorpusInfo c : corpora) {
            md.append("- **").append(c.name()).append("**: ").append(c.description()).append("; ").append(c.pages())
                    .append(" requests; SHA-256 of the outputs, both modes: `").append(c.digest()).append("`\n");
        }
        md.append("\n### Measured windows\n\n| corpus | mode | round | window | req/s | server CPU | req/s per core | p50 ms | p99 ms |"
                + " non-2xx | socket errors |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SaturationRun run : runs) {
            for (int i = 0; i < run.measured().size(); i++) {
                WrkWindow w = run.measured().get(i);
                md.append(String.format("| %s | %s | %d | %d | %.0f | %.2f | %.0f | %.2f | %.2f | %d | %d |%n", run.corpus(), run.mode(),
                        run.round(), i + 1, w.rps(), w.serverCpuShare(), w.rpsPerCore(), w.p50Micros() / 1000, w.p99Micros() / 1000,
                        w.non2xx(), w.socketErrors()));
            }
        }
        md.append("\n### Warm-up from \"memtune ready\": req/s per ").append(plan.windowSeconds())
                .append(" s window (503s, p99 ms); the steady three start at *\n\n| corpus | mode | round | connections | steady after |"
                        + " windows |\n|---|---|---:|---:|---:|---|\n");
        for (SaturationRun run : runs) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < run.warmUp().size(); i++) {
                SaturationRun.TimedWindow t = run.warmUp().get(i);
                cells.add(String.format("%s%.0fs: %.0f (%d, %.1f)", i == run.steadyWindow() ? "*" : "", t.start(), t.window().rps(),
                        t.window().status503(), t.window().p99Micros() / 1000));
            }
            md.append(String.format("| %s | %s | %d | %d | %s | %s |%n", run.corpus(), run.mode(), run.round(), run.connections(),
                    seconds(run.steadyAfterSeconds()), String.join("; ", cells)));
        }
        return md.toString();
    }

    String json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("setup", setup);
        json.put("corpora", corpora);
        List<Map<String, Object>> summary = new ArrayList<>();
        for (Row row : rows()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("corpus", row.corpus());
            r.put("baselineRpsPerCore", row.baselineRpsPerCore());
            r.put("optimizedRpsPerCore", row.optimizedRpsPerCore());
            r.put("ratio", row.ratio());
            r.put("meetsTarget", row.ratio() >= TARGET_RATIO);
            r.put("baselineSteadyAfterSeconds", row.baselineSteadyAfter());
            r.put("optimizedSteadyAfterSeconds", row.optimizedSteadyAfter());
            r.put("baselineColdFraction", row.baselineCold());
            r.put("optimizedColdFraction", row.optimizedCold());
            r.put("baselineColdFractionFewConnections", row.baselineColdFew());
            r.put("optimizedColdFractionFewConnections", row.optimizedColdFew());
            r.put("flags", row.flags());
            summary.add(r);
        }
        json.put("summary", summary);
        json.put("runs", runs);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report is plain data", e);
        }
    }

    private static String seconds(double value) {
        return Double.isNaN(value) ? "not steady" : String.format("%.0f", value);
    }

    private static String share(double value) {
        return Double.isNaN(value) ? "-" : String.format("%.2f", value);
    }
}
