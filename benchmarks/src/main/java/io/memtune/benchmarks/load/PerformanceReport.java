package io.memtune.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The load report of issue 7 in one command: calibration of N1 (baseline near 40 % CPU), then the CPU-headroom,
 * memory-bound and overload scenarios on the assembled distribution, both modes with the same flags, A B A B;
 * then the plots, the generated section of docs/performance.md and the summary JSON.
 *
 * <pre>
 * java -cp ... io.memtune.benchmarks.load.PerformanceReport --home DIST [--quick] [--rounds 3] [--think 2ms] [--xmx 256m]
 *     [--tenants 100] [--templates 20] [--port 18098] [--docs docs] [--work benchmarks/target/performance]
 * </pre>
 *
 * Writes {@code DOCS/performance.md} (only between its load-report markers), {@code DOCS/performance/*.png},
 * {@code DOCS/performance/summary.json} and the same JSON in {@code WORK/summary.json}.
 */
public final class PerformanceReport {

    private PerformanceReport() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        ReportPlan base = o.containsKey("--quick") ? ReportPlan.smoke() : ReportPlan.full();
        ReportPlan plan = !o.containsKey("--rounds") ? base : base.withRounds(Integer.parseInt(o.get("--rounds")));
        Path home = Path.of(o.get("--home")).toAbsolutePath();
        Path work = Path.of(o.get("--work")).toAbsolutePath();
        Path docs = Path.of(o.get("--docs")).toAbsolutePath();
        int tenants = Integer.parseInt(o.get("--tenants"));
        int templates = Integer.parseInt(o.get("--templates"));
        Bench bench = Bench.of(home, work, tenants, templates, Integer.parseInt(o.get("--port")),
                LoadGenerator.duration("--think", o.get("--think")));
        List<String> flags = bench.flags(o.get("--xmx"));

        Calibration calibration = ServerStopped.retried("calibration", () -> Calibration.run(bench, flags, plan));
        System.out.printf("N1 = %d users (baseline server CPU %s)%n", calibration.n1(), ReportMarkdown.pct(calibration.cpuShare(), 1));
        int n1 = calibration.n1();
        CpuHeadroom headroom = CpuHeadroom.run(bench, flags, n1, plan);
        long baselineHeap = (long) headroom.median("baseline", n1, Run::heapAfterGc);
        MemoryBound memory = MemoryBound.run(bench, n1, baselineHeap, megabytes(o.get("--xmx")), plan);
        double n1Rate = headroom.median("baseline", n1, r -> r.load().throughput());
        OverloadScenario overload = OverloadScenario.run(bench, flags, n1Rate, headroom, plan);

        Report report = new Report(LocalDate.now().toString(), plan, new Report.Setup(ServerPinning.machineCpus(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"), bench.targets().size(),
                tenants + " tenants x " + templates + " pages from CorpusGenerator, 30 % shared designs", jvmOptions(home), flags, bench.think(),
                ServerPinning.fromEnvironment().describe()),
                calibration, headroom, memory, overload);
        write(report, docs, work);
    }

    /** Every output of a report: the plots, the Markdown section, the summary in both places. */
    static void write(Report report, Path docs, Path work) throws IOException {
        Path figures = docs.resolve("performance");
        ReportCharts.write(report, figures);
        String section = ReportMarkdown.section(report);
        Path markdown = docs.resolve("performance.md");
        Files.writeString(markdown, MarkdownSection.replace(Files.readString(markdown), section));
        String json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(SummaryJson.of(report)) + "\n";
        Files.createDirectories(work);
        Files.writeString(work.resolve("summary.json"), json);
        Files.writeString(figures.resolve("summary.json"), json);
        System.out.print(section);
        System.out.println("written: " + markdown + ", " + figures + "/{load-*.png,summary.json}, " + work.resolve("summary.json"));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>(Map.of("--think", "2ms", "--xmx", "256m", "--tenants", "100", "--templates", "20",
                "--port", "18098", "--docs", "docs", "--work", "benchmarks/target/performance"));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                o.put("--quick", "true");
            } else if ((args[i].equals("--home") || args[i].equals("--rounds") || o.containsKey(args[i])) && i + 1 < args.length) {
                o.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i] + "; known: --quick, --home, --rounds, " + o.keySet());
            }
        }
        if (!o.containsKey("--home")) {
            throw new IllegalArgumentException("--home (the distribution to run) is required");
        }
        return o;
    }

    /** The flags bin/memtune reads from the distribution's jvm.options, as written there. */
    static List<String> jvmOptions(Path home) throws IOException {
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(home.resolve("jvm.options"))) {
            String option = line.replaceFirst("#.*", "").strip();
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        return options;
    }

    /** {@code 256m} or {@code 1g} in megabytes: the memory-bound search's upper limit is the CPU runs' own cap. */
    static int megabytes(String size) {
        long n = Long.parseLong(size.substring(0, size.length() - 1));
        return switch (Character.toLowerCase(size.charAt(size.length() - 1))) {
            case 'g' -> (int) (n * 1024);
            case 'm' -> (int) n;
            default -> throw new IllegalArgumentException("a heap size like 256m or 1g, not " + size);
        };
    }
}
