package io.memtune.benchmarks.load;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The load report's section of docs/performance.md: how it was run (both sides' flags and settings, in full),
 * then each scenario's table, its figures as ratios against the baseline of the same run, whether the issue's
 * targets were met, and its plots. Pure text from a {@link Report}; the figures are not interpreted here.
 */
final class ReportMarkdown {

    /** Where the plots are, relative to docs/performance.md. */
    static final String FIGURES = "performance/";

    private ReportMarkdown() {
    }

    static String section(Report r) {
        StringBuilder md = new StringBuilder();
        md.append("### Generated: CPU headroom, memory-bound, overload\n\n");
        md.append("```sh\nbenchmarks/run-performance-report.sh").append(r.plan().quick() ? " --quick" : "")
                .append(!r.plan().quick() && r.plan().rounds() != ReportPlan.full().rounds() ? " --rounds " + r.plan().rounds() : "")
                .append("\n```\n\n");
        md.append(r.plan().quick()
                ? "**Quick smoke run** of " + r.date() + " (runs of " + r.plan().measured().toSeconds() + " s, " + r.plan().rounds()
                        + " round): it checks the harness end to end; its figures are too short to quote. The full run writes"
                        + " this section again.\n\n"
                : "Measured " + r.date() + ", " + (r.plan().rounds() == 1 ? "1 round" : r.plan().rounds() + " rounds") + " of "
                        + r.plan().measured().toSeconds() + " s runs after " + r.plan().warmUp().toSeconds() + " s of warm-up; "
                        + (r.plan().rounds() == 1 ? "each figure is one run's.\n\n" : "medians of the rounds.\n\n"));
        md.append(String.format(Locale.ROOT, "Machine: %d cores, Java %s; %s. Corpus: %d pages"
                + " (%s). Every run starts a container of its own; ratios are against the baseline of this same report. Summary"
                + " for tools: [`performance/summary.json`](%ssummary.json).%n%n", r.setup().cores(), r.setup().java(),
                r.setup().placement(), r.setup().pages(), r.setup().corpus(), FIGURES));
        flags(md, r);
        calibration(md, r.calibration());
        headroom(md, r.headroom());
        memory(md, r.memory());
        overload(md, r.overload(), r.plan());
        return md.toString();
    }

    private static void flags(StringBuilder md, Report r) {
        String options = code(r.setup().jvmOptions());
        md.append("#### Both sides' flags and settings\n\n| | baseline | optimized |\n|---|---|---|\n");
        row(md, "JVM, from the distribution's `jvm.options`", options, options);
        row(md, "JVM, added (calibration, CPU headroom, overload)", code(r.setup().flags()), code(r.setup().flags()));
        row(md, "JVM, added (memory-bound)", code(r.memory().flags()), code(r.memory().flags()));
        row(md, "`io.memtune.template` `mode`", "`baseline`", "`optimized`");
        row(md, "render executor (calibration, CPU headroom, memory-bound)", "`" + AbComparison.PATIENT + "`", "`" + AbComparison.PATIENT + "`");
        row(md, "render executor (overload: the shipped settings)", "`" + AbComparison.SHIPPED + "`", "`" + AbComparison.SHIPPED + "`");
        String load = "closed loop, think time " + r.setup().think().toMillis() + " ms, 30 s timeout; overload: open loop, at most "
                + OpenLoopLoad.DEFAULT_MAX_IN_FLIGHT + " requests in flight";
        row(md, "load", load, load);
        md.append('\n');
    }

    private static void calibration(StringBuilder md, Calibration c) {
        md.append(String.format(Locale.ROOT, "#### Calibration%n%nN1 = **%d users**: baseline's server CPU %s of its CPUs (target %s)%s."
                + " Users tried, in order: %s.%n%n", c.n1(), pct(c.cpuShare(), 0), pct(Calibration.TARGET, 0), c.targetReached() ? ""
                        : String.format(Locale.ROOT, "; the target was not reached: the server's share levelled off (the load generator"
                                + " takes the rest of the machine), so N1 is the fewest users whose share, and that of every larger"
                                + " count tried, is within %.0f%% of the highest",
                                Calibration.PLATEAU * 100),
                c.probes().stream().map(p -> p.x() + " → " + pct(p.value(), 0)).collect(Collectors.joining(", "))));
    }

    private static void headroom(StringBuilder md, CpuHeadroom h) {
        md.append("#### CPU headroom: baseline at N1, optimized at N1, 2 N1, 4 N1\n\n");
        double reference = h.median("baseline", h.n1(), r -> r.load().p99Millis());
        md.append("| mode | users | req/s | p50 ms | p99 ms | p99.9 ms | success | CPU | GC | heap after GC | peak RSS | p99 / baseline p99 at N1 |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Run run : h.runs()) {
            LoadResult l = run.load();
            md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %.2f | %s | %s | %s | %s | %s | %s |%n", run.mode(),
                    run.users(), l.throughput(), l.p50Millis(), l.p99Millis(), l.p999Millis(), pct(l.successRatio(), 2),
                    pct(run.cpuShare(), 0), pct(run.gcShare(), 1), mb(run.heapAfterGc()), mb(run.peakRss()),
                    ratio(l.p99Millis() / reference)));
        }
        md.append('\n');
        for (int multiple : List.of(2, 4)) {
            md.append(String.format(Locale.ROOT, "- Optimized at %d N1 (the issue's %s): p99 %s baseline's at N1 (at most %.1fx),"
                    + " success %s (at least %s): %s.%n", multiple, multiple == 2 ? "target" : "goal", ratio(h.p99Ratio(multiple)),
                    CpuHeadroom.P99_RATIO_TARGET, pct(h.successAt(multiple), 2), pct(CpuHeadroom.SUCCESS_TARGET, 1),
                    verdict(h.met(multiple))));
        }
        md.append(String.format(Locale.ROOT, "- Footprint at N1, optimized / baseline: heap after GC %s, peak RSS %s (target: at most 0.75,"
                + " goal 0.50).%n%n", ratio(h.ratioAtN1(Run::heapAfterGc)), ratio(h.ratioAtN1(Run::peakRss))));
        figures(md, "headroom");
    }

    private static void memory(StringBuilder md, MemoryBound m) {
        md.append("#### Memory-bound: the heap baseline needs at N1, both at 2 N1\n\n");
        boolean floor = m.capProbes().stream().allMatch(p -> p.value() >= MemoryBound.ENOUGH);
        md.append(String.format(Locale.ROOT, "Baseline's heap after GC at N1: %s. Cap: **`-Xmx%dm`**, %s (caps tried, with baseline's"
                + " success at N1: %s).%n%n", mb(m.baselineHeapAfterGc()), m.capMb(), !m.capFound()
                        ? "the largest tried: baseline never reached " + pct(MemoryBound.ENOUGH, 1) + " success at N1 below it"
                        : floor ? "baseline's heap after GC itself, at which it already answered N1 users with at least "
                                + pct(MemoryBound.ENOUGH, 1) + " success (no smaller cap is tried: below the live heap it cannot run)"
                        : "the smallest at which baseline answered N1 users with at least " + pct(MemoryBound.ENOUGH, 1) + " success",
                m.capProbes().stream().map(p -> p.x() + " MB → " + pct(p.value(), 2)).collect(Collectors.joining(", "))));
        md.append("| mode | users | req/s | p99 ms | success | answers by status | full GCs | GC | heap after GC | peak RSS |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Run run : m.runs()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %s | %s | %d | %s | %s | %s |%n", run.mode(), run.users(),
                    run.load().throughput(), run.load().p99Millis(), pct(run.load().successRatio(), 2), statuses(run.load()),
                    run.fullGcs(), pct(run.gcShare(), 1), mb(run.heapAfterGc()), mb(run.peakRss())));
        }
        md.append(String.format(Locale.ROOT, "%nOptimized at 2 N1 under the cap, no errors and no full GC: %s. Baseline: as measured above."
                + " Optimized / baseline: throughput %s, heap after GC %s.%n%n", verdict(m.optimizedMet()),
                ratio(m.median("optimized", r -> r.load().throughput()) / m.median("baseline", r -> r.load().throughput())),
                ratio(m.median("optimized", Run::heapAfterGc) / m.median("baseline", Run::heapAfterGc))));
        figures(md, "memory-bound");
    }

    private static void overload(StringBuilder md, OverloadScenario o, ReportPlan plan) {
        md.append("#### Overload: open loop at 8x the N1 rate, then the N1 rate again\n\n");
        md.append(String.format(Locale.ROOT, "N1 rate %.0f/s (baseline's throughput at N1), for %d s; then %.0f/s for %d s; then %.0f/s"
                + " for %d s, back to back. Latency from when each request was due (no coordinated omission); \"sent late\" is"
                + " how far the generator fell behind its schedule; \"not sent\": due while all the generator's connections were"
                + " busy.%n%n", o.n1Rate(), plan.unloaded().toSeconds(), o.overloadRate(), plan.overload().toSeconds(), o.n1Rate(),
                plan.recovery().toSeconds()));
        md.append("| mode | phase | offered/s | goodput/s | admitted p99 ms | 503 p99 ms | success | answers by status | sent late p99 ms |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (OverloadScenario.ModeRun m : o.runs()) {
            for (OverloadScenario.Phase p : m.phases()) {
                LoadResult l = p.result();
                md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.2f | %s | %s | %s | %.2f |%n", m.mode(), p.name(), p.rate(),
                        l.goodput(), l.okP99Millis(), Double.isNaN(l.refusedP99Millis()) ? "none refused"
                                : String.format(Locale.ROOT, "%.2f", l.refusedP99Millis()), pct(l.successRatio(), 2), statuses(l),
                        p.sendLagP99Millis()));
            }
        }
        md.append(String.format(Locale.ROOT, "%n| mode | overload rate / peak goodput | not sent | goodput / peak (at least %.2f) | admitted p99"
                + " / unloaded (at most %.1f) | 503 p99 (under %.0f ms) | recovery (within %.0f s) | all four |%n|---|---|---|---|---|---|---|---|%n",
                OverloadScenario.GOODPUT_TARGET, OverloadScenario.ADMITTED_P99_TARGET, OverloadScenario.REFUSAL_P99_TARGET_MS,
                OverloadScenario.RECOVERY_TARGET_S));
        for (OverloadScenario.ModeRun m : o.runs()) {
            md.append(String.format(Locale.ROOT, "| %s | %s (peak %.0f/s) | %s | %s | %s | %s | %s | %s |%n", m.mode(),
                    ratio(o.overloadRate() / m.peakGoodput()), m.peakGoodput(), pct(m.notSentShare(), 0), ratio(m.goodputVsPeak()),
                    ratio(m.admittedP99VsUnloaded()),
                    Double.isNaN(m.refusedP99Millis()) ? "none refused" : String.format(Locale.ROOT, "%.2f ms", m.refusedP99Millis()),
                    Double.isNaN(m.recoverySeconds()) ? "not within the phase" : String.format(Locale.ROOT, "%.0f s", m.recoverySeconds()),
                    verdict(m.met())));
        }
        md.append(String.format(Locale.ROOT, "%nPeak goodput: the mode's highest in the CPU-headroom runs. Not sent: the share of the"
                + " overload schedule the generator dropped because all its connections were busy; a large share means the generator,"
                + " on the same cores, not the server's admission, limited what was offered. Recovered: the first of %d seconds in a row"
                + " with success at least %s and p99 at most %.1fx the unloaded phase's.%n%n", OverloadScenario.RECOVERED_FOR,
                pct(Recovery.SUCCESS, 1), OverloadScenario.RECOVERED_P99));
        figures(md, "overload");
        md.append("![goodput over time, overload](").append(FIGURES).append("load-overload-goodput.png)\n");
    }

    private static void figures(StringBuilder md, String scenario) {
        md.append("![p99 latency per second, ").append(scenario).append("](").append(FIGURES).append("load-").append(scenario)
                .append("-latency.png)\n![heap used over time, ").append(scenario).append("](").append(FIGURES).append("load-")
                .append(scenario).append("-heap.png)\n\n");
    }

    private static void row(StringBuilder md, String what, String baseline, String optimized) {
        md.append("| ").append(what).append(" | ").append(baseline).append(" | ").append(optimized).append(" |\n");
    }

    private static String code(List<String> flags) {
        return flags.stream().map(f -> "`" + f + "`").collect(Collectors.joining(" "));
    }

    private static String statuses(LoadResult l) {
        return l.byStatus().entrySet().stream().map(e -> (e.getKey() == -1 ? "no answer" : e.getKey() == OpenLoopLoad.NOT_SENT
                ? "not sent" : e.getKey().toString()) + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static String pct(double share, int decimals) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f%%", share * 100);
    }

    static String ratio(double r) {
        return Double.isFinite(r) ? String.format(Locale.ROOT, "%.2fx", r) : "n/a";
    }

    static String mb(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    private static String verdict(boolean met) {
        return met ? "**met**" : "**not met**";
    }
}
