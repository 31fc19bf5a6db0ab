package io.memtune.benchmarks.load;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * How the server's resources moved after a soak's warm-up, from its samples: the live heap's least-squares slope
 * and its growth, and how far threads, file descriptors, classes and class loaders stand at the end above where
 * they stood at the start. Each end is made of {@link #END_SAMPLES} samples, so one odd sample (a reload caught
 * half way, a thread alive for a moment) decides nothing: the heap's ends are their medians; a count starts at the
 * most of the first ones and ends at the least of the last ones (a leak raises them all).
 */
final class SoakTrends {

    /** How many samples make an end. */
    static final int END_SAMPLES = 3;

    /**
     * The live heap after the warm-up: from the median of the first samples to that of the last, the least-squares
     * slope, and both again with the request rate of the minute before each sample held constant (NaN when the rate
     * did not vary apart from time: then the two cannot be told apart).
     */
    record Heap(double startBytes, double endBytes, double growthBytes, double slopeBytesPerMinute, double rateHeldSlopeBytesPerMinute,
            double rateHeldGrowthBytes) {

        /**
         * The slope a soak is judged by: with the rate held constant when it can be, so a change of rate (another
         * job on the machine starting or ending) is not taken for a leak, nor a leak for a change of rate (a leak
         * grows with time or with all requests so far, not with the last minute's).
         */
        double judgedSlopeBytesPerMinute() {
            return Double.isFinite(rateHeldSlopeBytesPerMinute) ? rateHeldSlopeBytesPerMinute : slopeBytesPerMinute;
        }

        /** The growth a soak is judged by, likewise. */
        double judgedGrowthBytes() {
            return Double.isFinite(rateHeldGrowthBytes) ? rateHeldGrowthBytes : growthBytes;
        }
    }

    /** A count after the warm-up: start, end, the difference, and the slope (for reading: the growth is judged). */
    record Count(String name, long start, long end, long growth, double slopePerMinute) {
    }

    private SoakTrends() {
    }

    /** The samples taken after the warm-up. */
    static List<SoakSample> afterWarmUp(List<SoakSample> samples, double warmUpSeconds) {
        return samples.stream().filter(s -> s.second() >= warmUpSeconds).toList();
    }

    static Heap heap(List<SoakSample> samples, double warmUpSeconds) {
        List<SoakSample> after = afterWarmUp(samples, warmUpSeconds);
        double[] minutes = after.stream().mapToDouble(s -> s.second() / 60).toArray();
        double[] heap = after.stream().mapToDouble(SoakSample::liveHeapBytes).toArray();
        double[] rate = after.stream().mapToDouble(SoakSample::requestsLastMinute).toArray();
        double growth = growth(heap);
        LeastSquares.Held held = LeastSquares.holding(minutes, heap, rate);
        if (held == null) {
            return new Heap(startOf(heap), endOf(heap), growth, LeastSquares.slope(minutes, heap), Double.NaN, Double.NaN);
        }
        // the heap as it would have been at the mean rate: its share of each sample taken out
        double meanRate = Arrays.stream(rate).average().orElse(0);
        double[] atMeanRate = new double[heap.length];
        for (int i = 0; i < heap.length; i++) {
            atMeanRate[i] = heap[i] - held.perZ() * (rate[i] - meanRate);
        }
        return new Heap(startOf(heap), endOf(heap), growth, LeastSquares.slope(minutes, heap), held.slope(), growth(atMeanRate));
    }

    private static double startOf(double[] values) {
        return median(Arrays.copyOfRange(values, 0, Math.min(END_SAMPLES, values.length)));
    }

    private static double endOf(double[] values) {
        return median(Arrays.copyOfRange(values, Math.max(0, values.length - END_SAMPLES), values.length));
    }

    private static double growth(double[] values) {
        return endOf(values) - startOf(values);
    }

    static Count count(String name, List<SoakSample> samples, double warmUpSeconds, ToLongFunction<SoakSample> value) {
        List<SoakSample> after = afterWarmUp(samples, warmUpSeconds);
        if (after.isEmpty()) {
            throw new IllegalArgumentException("no sample after the warm-up");
        }
        long start = first(after).stream().mapToLong(value).max().getAsLong();
        long end = last(after).stream().mapToLong(value).min().getAsLong();
        return new Count(name, start, end, end - start, slopePerMinute(after, value));
    }

    private static List<SoakSample> first(List<SoakSample> samples) {
        return samples.subList(0, Math.min(END_SAMPLES, samples.size()));
    }

    private static List<SoakSample> last(List<SoakSample> samples) {
        return samples.subList(Math.max(0, samples.size() - END_SAMPLES), samples.size());
    }

    private static double slopePerMinute(List<SoakSample> samples, ToLongFunction<SoakSample> value) {
        return LeastSquares.slope(samples.stream().mapToDouble(s -> s.second() / 60).toArray(),
                samples.stream().mapToDouble(value::applyAsLong).toArray());
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
