package io.memtune.benchmarks.load;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** How the report aggregates the rounds of a scenario: medians. */
final class Stats {

    private Stats() {
    }

    /** The median ({@code NaN} of nothing); the mean of the middle two for an even count. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /** The median over the rounds of one figure of one mode at one load ({@code NaN} when not run). */
    static double median(List<Run> runs, String mode, int users, ToDoubleFunction<Run> figure) {
        return median(runs.stream().filter(r -> r.mode().equals(mode) && r.users() == users).mapToDouble(figure).toArray());
    }
}
