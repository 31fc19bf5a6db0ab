package io.memtune.benchmarks.load;

import java.util.List;

/**
 * How long a server takes, once an overload ends, to be back at its unloaded figures: seconds from the end of
 * the overload to the first second that starts {@code hold} consecutive seconds each answered normally. One
 * good second is not enough (a lull between two bad ones would pass), hence the run of them.
 */
final class Recovery {

    /** A second counts as normal at this success ratio or better: the bar. */
    static final double SUCCESS = 0.999;

    private Recovery() {
    }

    /**
     * @param series the run's per-second figures (second 0 is the schedule's start)
     * @param fromSecond the first second after the overload
     * @param unloadedP99Millis the p99 of the unloaded phase that normal is measured against
     * @param tolerance a normal second's p99 is at most this multiple of the unloaded p99
     * @return seconds from {@code fromSecond} to the start of recovery, or {@code NaN} when the series never recovers
     */
    static double seconds(List<LatencySeries.Second> series, int fromSecond, double unloadedP99Millis, double tolerance, int hold) {
        int streak = 0;
        for (LatencySeries.Second s : series) {
            if (s.second() < fromSecond) {
                continue;
            }
            boolean normal = s.answers() > 0 && s.successRatio() >= SUCCESS && s.p99Millis() <= tolerance * unloadedP99Millis;
            streak = normal ? streak + 1 : 0;
            if (streak == hold) {
                return s.second() - hold + 1 - fromSecond;
            }
        }
        return Double.NaN;
    }
}
