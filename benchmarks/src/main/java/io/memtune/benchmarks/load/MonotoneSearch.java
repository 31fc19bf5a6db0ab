package io.memtune.benchmarks.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a measured quantity that grows with {@code x} first reaches a threshold, with few measurements (each
 * is a load run of its own): doubling from a start until the threshold is reached, then bisecting between the
 * last probe below and the first at or above it, until they are within a relative precision. The load
 * calibration searches users for a CPU share; the memory-bound scenario searches a heap cap for a success
 * ratio. Measurements are noisy, so the search only ever trusts what it measured: both neighbours are kept.
 */
final class MonotoneSearch {

    /** One measurement. */
    record Probe(int x, double value) {
    }

    /**
     * Every probe in the order taken, the highest {@code x} measured below the threshold and the lowest at or
     * above it (either null when the search never saw one: the start was already at or above, or the limit still below).
     */
    record Result(List<Probe> probes, Probe below, Probe reached) {

        /** Of the two neighbours, the one whose value is nearer the target (the only one, when there is one). */
        Probe closestTo(double target) {
            return java.util.stream.Stream.of(below, reached).filter(java.util.Objects::nonNull)
                    .min(Comparator.comparingDouble(p -> Math.abs(p.value() - target))).orElseThrow();
        }
    }

    /** A measurement at {@code x}; may run a load. */
    @FunctionalInterface
    interface Measure {
        double at(int x) throws Exception;
    }

    private MonotoneSearch() {
    }

    /**
     * @param start the first {@code x}, at least 1
     * @param limit the largest {@code x} to try
     * @param precision bisection stops once the bracket is at most this share of its lower end (at least 1 apart)
     */
    static Result search(int start, int limit, double threshold, double precision, Measure measure) throws Exception {
        if (start < 1 || limit < start) {
            throw new IllegalArgumentException("need 1 <= start <= limit, got " + start + " and " + limit);
        }
        List<Probe> probes = new ArrayList<>();
        Probe below = null;
        Probe reached = null;
        for (int x = start;; x = (int) Math.min(2L * x, limit)) {
            Probe p = probe(x, measure, probes);
            if (p.value() >= threshold) {
                reached = p;
                break;
            }
            below = p;
            if (x == limit) {
                return new Result(probes, below, null);
            }
        }
        while (below != null && reached.x() - below.x() > Math.max(1, below.x() * precision)) {
            Probe p = probe((below.x() + reached.x()) >>> 1, measure, probes);
            if (p.value() >= threshold) {
                reached = p;
            } else {
                below = p;
            }
        }
        return new Result(probes, below, reached);
    }

    private static Probe probe(int x, Measure measure, List<Probe> probes) throws Exception {
        Probe p = new Probe(x, measure.at(x));
        probes.add(p);
        return p;
    }
}
