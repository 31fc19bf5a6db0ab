package io.memtune.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The CPU-headroom scenario: both modes at N1, 2 N1 and 4 N1 users, A B A B (baseline, optimized, at each
 * load in turn, each run on a container of its own), so that optimized at 2 N1 and 4 N1 is compared with
 * baseline at N1 and baseline's own behaviour at the higher loads is shown beside it.
 */
record CpuHeadroom(int n1, List<Run> runs) {

    static final List<Integer> MULTIPLES = List.of(1, 2, 4);

    /** The bar: optimized p99 at 2 N1 at most this multiple of baseline's p99 at N1... */
    static final double P99_RATIO_TARGET = 1.2;

    /** ...with at least this share of answers successful. */
    static final double SUCCESS_TARGET = 0.999;

    static CpuHeadroom run(Bench bench, List<String> flags, int n1, ReportPlan plan) throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int round = 0; round < plan.rounds(); round++) {
            for (int multiple : MULTIPLES) {
                for (String mode : AbComparison.MODES) {
                    Run run = AbComparison.run(bench, mode, flags, multiple * n1, plan.warmUp(), plan.measured());
                    System.out.println("cpu-headroom: " + AbComparison.describe(run));
                    runs.add(run);
                }
            }
        }
        return new CpuHeadroom(n1, runs);
    }

    /** The median over the rounds of one figure of one mode at one load ({@code NaN} when not run). */
    double median(String mode, int users, ToDoubleFunction<Run> figure) {
        return Stats.median(runs, mode, users, figure);
    }

    /** Optimized p99 at {@code multiple} N1 over baseline p99 at N1. */
    double p99Ratio(int multiple) {
        return median("optimized", multiple * n1, r -> r.load().p99Millis()) / median("baseline", n1, r -> r.load().p99Millis());
    }

    /** Optimized's success ratio at {@code multiple} N1. */
    double successAt(int multiple) {
        return median("optimized", multiple * n1, r -> r.load().successRatio());
    }

    /** The bar at {@code multiple} N1: p99 ratio and success both within target. */
    boolean met(int multiple) {
        return p99Ratio(multiple) <= P99_RATIO_TARGET && successAt(multiple) >= SUCCESS_TARGET;
    }

    /** Optimized over baseline at N1, for a figure such as the heap after GC or the peak RSS. */
    double ratioAtN1(ToDoubleFunction<Run> figure) {
        return median("optimized", n1, figure) / median("baseline", n1, figure);
    }

    /** The most a mode answered successfully per second in any of its runs: its measured capacity here. */
    double peakGoodput(String mode) {
        return runs.stream().filter(r -> r.mode().equals(mode)).mapToDouble(r -> r.load().goodput()).max().orElse(Double.NaN);
    }
}
