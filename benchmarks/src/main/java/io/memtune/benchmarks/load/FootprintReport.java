package io.memtune.benchmarks.load;

import static io.memtune.benchmarks.load.FootprintScenario.SHIPPED;
import static io.memtune.benchmarks.load.FootprintScenario.TUNED;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The footprint scenario of the load report in one command ({@link FootprintScenario}): writes its section of
 * docs/performance.md (between the footprint-report markers), {@code DOCS/performance/footprint.json} and the same JSON
 * in {@code WORK/footprint.json}.
 *
 * <pre>
 * java -cp ... io.memtune.benchmarks.load.FootprintReport --home DIST [--quick] [--rounds 3] [--users N1] [--tenants 300]
 *     [--templates 20] [--think 2ms] [--cds] [--port 18096] [--docs docs] [--work benchmarks/target/footprint-report]
 * </pre>
 *
 * N1 is the load report's: {@code --users}, else the {@code n1} of {@code DOCS/performance/summary.json}.
 */
public final class FootprintReport {

    static final String START = "<!-- footprint-report:start -->";
    static final String END = "<!-- footprint-report:end -->";

    private FootprintReport() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        ReportPlan base = o.containsKey("--quick") ? ReportPlan.smoke() : ReportPlan.full();
        ReportPlan plan = !o.containsKey("--rounds") ? base : base.withRounds(Integer.parseInt(o.get("--rounds")));
        Path docs = Path.of(o.get("--docs")).toAbsolutePath();
        int users = o.containsKey("--users") ? Integer.parseInt(o.get("--users")) : reportN1(docs);
        Bench bench = Bench.of(Path.of(o.get("--home")).toAbsolutePath(), Path.of(o.get("--work")).toAbsolutePath(),
                Integer.parseInt(o.get("--tenants")), Integer.parseInt(o.get("--templates")), Integer.parseInt(o.get("--port")),
                LoadGenerator.duration("--think", o.get("--think")));
        FootprintScenario scenario = FootprintScenario.run(bench, users, plan, o.containsKey("--cds"));
        String corpus = o.get("--tenants") + " tenants x " + o.get("--templates") + " pages from CorpusGenerator, 30 % shared designs ("
                + bench.targets().size() + " pages)";
        write(section(scenario, plan, corpus, LocalDate.now().toString(), bench.think().toMillis()), scenario, docs, bench.work());
    }

    /** The load report's N1, from its summary. */
    static int reportN1(Path docs) throws IOException {
        Path summary = docs.resolve("performance").resolve("summary.json");
        JsonNode n1 = Files.exists(summary) ? new ObjectMapper().readTree(summary.toFile()).path("calibration").path("n1") : null;
        if (n1 == null || !n1.canConvertToInt()) {
            throw new IllegalArgumentException("no N1: give --users, or run the load report first (" + summary + " has no calibration.n1)");
        }
        return n1.asInt();
    }

    static void write(String section, FootprintScenario scenario, Path docs, Path work) throws IOException {
        Path markdown = docs.resolve("performance.md");
        Files.writeString(markdown, MarkdownSection.replace(Files.readString(markdown), section, START, END));
        String json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(scenario.toJson()) + "\n";
        Files.createDirectories(work);
        Files.writeString(work.resolve("footprint.json"), json);
        Files.createDirectories(docs.resolve("performance"));
        Files.writeString(docs.resolve("performance").resolve("footprint.json"), json);
        System.out.print(section);
        System.out.println("written: " + markdown + ", " + docs.resolve("performance/footprint.json") + ", " + work.resolve("footprint.json"));
    }

    static String section(FootprintScenario s, ReportPlan plan, String corpus, String date, long thinkMillis) {
        StringBuilder md = new StringBuilder();
        md.append("### Generated: peak RSS at N1, three ways\n\n```sh\nbenchmarks/run-footprint-report.sh")
                .append(plan.quick() ? " --quick" : "").append(s.cds() ? " --cds" : "")
                .append(plan.rounds() != ReportPlan.full().rounds() && !plan.quick() ? " --rounds " + plan.rounds() : "").append("\n```\n\n");
        md.append(String.format(Locale.ROOT, "Measured %s%s, %d round%s: per mode a run on the shipped jvm.options, then a run on"
                + " the jvm.options the tuner proposed at the end of that run (`bin/memtune client \"%s\"`, asked under the same"
                + " load), each a fresh container; %d s of warm-up, %d s measured, %d closed-loop users (N1) with %d ms think time."
                + " Corpus: %s.%s Medians of the rounds.%n%n", date, plan.quick() ? " (**quick run: short, for checking the harness;"
                        + " not figures to quote**)" : "", plan.rounds(), plan.rounds() == 1 ? "" : "s", FootprintScenario.ASK,
                plan.warmUp().toSeconds(), plan.measured().toSeconds(), s.users(), thinkMillis, corpus, s.cds()
                        ? " The tuned side also has the AppCDS archive of `bin/memtune --create-cds`." : ""));
        md.append("| peak RSS | optimized | baseline | ratio | target |\n|---|---|---|---|---|\n");
        ratioRow(md, s, "operator's before/after: optimized on tuner-proposed flags against baseline on the shipped ones", TUNED,
                SHIPPED, "at most 0.5x");
        ratioRow(md, s, "both on the shipped flags", SHIPPED, SHIPPED, "");
        ratioRow(md, s, "both on tuner-proposed flags", TUNED, TUNED, "at most 0.75x");
        md.append(String.format(Locale.ROOT, "%nOn tuner-proposed flags each mode's heap follows its own live set, so what is left"
                + " between them is the heap difference on top of the JVM's own memory (peak RSS minus heap committed, the same in"
                + " both modes): with the JVM's own memory as measured here the ratio cannot fall below **%s** (heap committed,"
                + " optimized %s, baseline %s; live sets %s and %s).%n%n", ReportMarkdown.ratio(s.tunedRatioBound()),
                ReportMarkdown.mb((long) s.median("optimized", TUNED, FootprintScenario.FootprintRun::heapCommitted)),
                ReportMarkdown.mb((long) s.median("baseline", TUNED, FootprintScenario.FootprintRun::heapCommitted)),
                ReportMarkdown.mb((long) s.median("optimized", SHIPPED, FootprintScenario.FootprintRun::liveSet)),
                ReportMarkdown.mb((long) s.median("baseline", SHIPPED, FootprintScenario.FootprintRun::liveSet))));
        md.append("#### Runs\n\n| round | mode | flags | req/s | p99 | success | server CPU | peak RSS | heap committed | live set"
                + " (tuner) |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (FootprintScenario.FootprintRun r : s.runs()) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %.0f | %.2f ms | %s | %s | %s | %s | %s |%n", r.round(), r.mode(),
                    r.flags(), r.load().throughput(), r.load().p99Millis(), ReportMarkdown.pct(r.load().successRatio(), 2),
                    ReportMarkdown.pct(r.cpuShare(), 0), ReportMarkdown.mb(r.peakRss()), ReportMarkdown.mb(r.heapCommitted()),
                    ReportMarkdown.mb(r.liveSet())));
        }
        md.append("\n#### Every flag\n\nShipped jvm.options (both modes, first runs): ").append(code(s.shippedOptions()))
                .append("; the harness adds only `-Dorg.osgi.service.http.port` and `-Dorg.apache.felix.http.host=127.0.0.1`,"
                        + " and bin/memtune sets `MALLOC_ARENA_MAX=2` (unless set) for every run.\n\n");
        for (FootprintScenario.FootprintRun r : s.runs()) {
            if (r.flags().equals(TUNED)) {
                List<String> changed = FootprintScenario.changedByReproposal(r);
                md.append(String.format(Locale.ROOT, "- round %d, %s, tuner-proposed: %s. Asked again at the end of this run, the tuner"
                        + " %s.%n", r.round(), r.mode(), code(r.jvmOptions()), changed.isEmpty() ? "kept them"
                                : "would change " + code(changed)));
            }
        }
        md.append("\nThe proposals as printed, with the figures behind each flag: `benchmarks/target/footprint-report/proposal-*.options`;"
                + " everything above as data: [`performance/footprint.json`](performance/footprint.json).\n");
        return md.toString();
    }

    private static void ratioRow(StringBuilder md, FootprintScenario s, String what, String optimizedFlags, String baselineFlags,
            String target) {
        double optimized = s.median("optimized", optimizedFlags, FootprintScenario.FootprintRun::peakRss);
        double baseline = s.median("baseline", baselineFlags, FootprintScenario.FootprintRun::peakRss);
        double ratio = optimized / baseline;
        String verdict = target.isEmpty() ? "" : target + (ratio <= Double.parseDouble(target.replaceAll("[^0-9.]", "")) ? ": **met**"
                : ": **not met**");
        md.append(String.format(Locale.ROOT, "| %s | %s (%s) | %s (%s) | **%s** | %s |%n", what, ReportMarkdown.mb((long) optimized),
                optimizedFlags, ReportMarkdown.mb((long) baseline), baselineFlags, ReportMarkdown.ratio(ratio), verdict));
    }

    private static String code(List<String> flags) {
        return flags.stream().map(f -> "`" + f + "`").collect(Collectors.joining(" "));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>(Map.of("--think", "2ms", "--tenants", "300", "--templates", "20", "--port", "18096",
                "--docs", "docs", "--work", "benchmarks/target/footprint-report"));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick") || args[i].equals("--cds")) {
                o.put(args[i], "true");
            } else if ((args[i].equals("--home") || args[i].equals("--users") || args[i].equals("--rounds") || o.containsKey(args[i]))
                    && i + 1 < args.length) {
                o.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i] + "; known: --quick, --cds, --home,"
                        + " --users, --rounds, " + o.keySet());
            }
        }
        if (!o.containsKey("--home")) {
            throw new IllegalArgumentException("--home (the distribution to run) is required");
        }
        return o;
    }
}
