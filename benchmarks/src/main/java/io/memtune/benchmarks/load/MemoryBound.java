package io.memtune.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The memory-bound scenario: the heap capped at what baseline needs to serve N1 (the smallest {@code -Xmx}, found
 * by a search from baseline's heap after GC at N1 upwards, at which baseline still answers N1 users with the
 * issue's success ratio), then both modes at 2 N1 under that cap, A B A B; errors, full collections and the
 * heap after GC are what tell them apart.
 *
 * @param baselineHeapAfterGc baseline's heap after a full collection at N1 (CPU-headroom runs), where the search starts
 * @param capMb the cap; the search's limit when baseline never reached the bar (then {@code capFound} is false)
 * @param capProbes every cap tried, with baseline's success ratio at N1 under it
 * @param flags the JVM flags of both sides' runs at 2 N1, the cap among them
 */
record MemoryBound(int n1, long baselineHeapAfterGc, int capMb, boolean capFound, List<MonotoneSearch.Probe> capProbes,
        List<String> flags, List<Run> runs) {

    /** A cap is enough when baseline answers at least this share of N1's requests: the success bar. */
    static final double ENOUGH = CpuHeadroom.SUCCESS_TARGET;

    /** The search stops within this share of the cap (a few MB on caps of tens of MB). */
    static final double PRECISION = 0.125;

    static MemoryBound run(Bench bench, int n1, long baselineHeapAfterGc, int limitMb, ReportPlan plan) throws Exception {
        int start = (int) Math.max(16, Math.ceil(baselineHeapAfterGc / 1048576.0));
        MonotoneSearch.Result search = MonotoneSearch.search(Math.min(start, limitMb), limitMb, ENOUGH, PRECISION, mb -> {
            Run probe = AbComparison.run(bench, "baseline", bench.flags(mb + "m"), n1, plan.probe(), plan.probe());
            System.out.printf(java.util.Locale.ROOT, "memory-bound: baseline at %d users under -Xmx%dm: success %.2f%%%n", n1, mb,
                    probe.load().successRatio() * 100);
            return probe.load().successRatio();
        });
        boolean found = search.reached() != null;
        int cap = found ? search.reached().x() : limitMb;
        List<String> flags = bench.flags(cap + "m");
        List<Run> runs = new ArrayList<>();
        for (int round = 0; round < plan.rounds(); round++) {
            for (String mode : AbComparison.MODES) {
                Run run = AbComparison.run(bench, mode, flags, 2 * n1, plan.warmUp(), plan.measured());
                System.out.println("memory-bound: " + AbComparison.describe(run));
                runs.add(run);
            }
        }
        return new MemoryBound(n1, baselineHeapAfterGc, cap, found, search.probes(), flags, runs);
    }

    /** The bar: optimized served every request of every round with no full collection. */
    boolean optimizedMet() {
        return runs.stream().filter(r -> r.mode().equals("optimized")).allMatch(r -> r.fullGcs() == 0 && r.load().successRatio() == 1.0);
    }

    /** The median over the rounds of one figure of one mode (at 2 N1). */
    double median(String mode, ToDoubleFunction<Run> figure) {
        return Stats.median(runs, mode, 2 * n1, figure);
    }
}
