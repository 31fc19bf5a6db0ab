package io.memtune.benchmarks.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A made-up but consistent report: N1 = 10 users, figures chosen so each ratio and verdict is known. */
final class Reports {

    private Reports() {
    }

    static Run run(String mode, int users, double p99, double success, long heapAfterGc, long fullGcs) {
        long requests = 10_000;
        long ok = Math.round(requests * success);
        Map<Integer, Long> byStatus = ok == requests ? Map.of(200, ok) : Map.of(200, ok, 503, requests - ok);
        LoadResult load = new LoadResult(users, 10, requests, 1000, p99 / 4, p99, p99 * 2, p99 * 3, byStatus, p99, Double.NaN);
        return new Run(mode, users, load, 0.4, 0.01, heapAfterGc, 300L << 20, fullGcs, List.of(), List.of());
    }

    static OverloadScenario.ModeRun overloadRun(String mode, double peak, double overloadGoodput, double refusedP99, double recovery) {
        LoadResult unloaded = new LoadResult(0, 10, 10_000, 1000, 1, 4, 8, 9, Map.of(200, 10_000L), 4, Double.NaN);
        long ok = Math.round(overloadGoodput * 10);
        LoadResult overload = new LoadResult(0, 10, 80_000, 8000, 1, 6, 8, 9, Map.of(200, ok, 503, 80_000 - ok), 6, refusedP99);
        return new OverloadScenario.ModeRun(mode, peak, List.of(new OverloadScenario.Phase("unloaded", 1000, unloaded, 0.1),
                new OverloadScenario.Phase("overload", 8000, overload, 0.2), new OverloadScenario.Phase("recovery", 1000, unloaded, 0.1)),
                recovery, List.of(), List.of());
    }

    static Report report() {
        return report(ReportPlan.smoke());
    }

    static Report report(ReportPlan plan) {
        CpuHeadroom headroom = new CpuHeadroom(10, List.of(
                run("baseline", 10, 5.0, 1.0, 60L << 20, 0), run("optimized", 10, 4.0, 1.0, 30L << 20, 0),
                run("baseline", 20, 9.0, 1.0, 60L << 20, 0), run("optimized", 20, 5.5, 1.0, 30L << 20, 0),
                run("baseline", 40, 20.0, 0.99, 60L << 20, 0), run("optimized", 40, 8.0, 1.0, 30L << 20, 0)));
        MemoryBound memory = new MemoryBound(10, 60L << 20, 72, true,
                List.of(new MonotoneSearch.Probe(60, 0.0), new MonotoneSearch.Probe(120, 1.0), new MonotoneSearch.Probe(72, 1.0)),
                List.of("-Xmx72m", "-Xms72m", "-XX:+UseG1GC"),
                List.of(run("baseline", 20, 300.0, 0.2, 65L << 20, 7), run("optimized", 20, 6.0, 1.0, 32L << 20, 0)));
        OverloadScenario overload = new OverloadScenario(1000, 8000, List.of(overloadRun("baseline", 5000, 4000, 30.0, Double.NaN),
                overloadRun("optimized", 5000, 4800, 2.0, 3.0)));
        return new Report("2026-11-27", plan, new Report.Setup(2, "OpenJDK 17", 2000, "100 tenants x 20 pages",
                List.of("-Xms256m", "-XX:+UseStringDeduplication"), List.of("-Xmx256m", "-Xms256m", "-XX:+UseG1GC"), Duration.ofMillis(2),
                "the server pinned to CPUs 0 (`taskset -c`), the load generator and this driver to CPUs 1"),
                new Calibration(10, 0.41, true, List.of(new MonotoneSearch.Probe(8, 0.35), new MonotoneSearch.Probe(16, 0.6),
                        new MonotoneSearch.Probe(10, 0.41))), headroom, memory, overload);
    }
}
