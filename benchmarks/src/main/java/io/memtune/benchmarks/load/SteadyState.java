package io.memtune.benchmarks.load;

import java.util.Arrays;
import java.util.List;

/**
 * When a warming server's throughput has settled: three consecutive windows whose requests/s all lie within a band
 * (±5 %) of the three's median. A JIT still compiling, caches still filling or a heap still growing show as a trend
 * or a jump across three windows; noise within the band does not.
 */
final class SteadyState {

    /** Windows in a row that must agree. */
    static final int WINDOWS = 3;

    private SteadyState() {
    }

    /** The index of the first window of the first steady run of {@link #WINDOWS}, or -1 while there is none. */
    static int firstSteadyWindow(List<Double> rps, double band) {
        for (int i = 0; i + WINDOWS <= rps.size(); i++) {
            if (steady(rps.subList(i, i + WINDOWS), band)) {
                return i;
            }
        }
        return -1;
    }

    /** The median of the steady run starting at {@code first}. */
    static double steadyRps(List<Double> rps, int first) {
        return median(rps.subList(first, first + WINDOWS));
    }

    private static boolean steady(List<Double> windows, double band) {
        double median = median(windows);
        if (median <= 0) {
            return false; // nothing served is not a steady state worth measuring
        }
        return windows.stream().allMatch(r -> Math.abs(r - median) <= band * median);
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    static double median(double... values) {
        return median(Arrays.stream(values).boxed().toList());
    }
}
