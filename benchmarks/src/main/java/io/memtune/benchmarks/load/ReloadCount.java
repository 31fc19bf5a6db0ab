package io.memtune.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reloads of one kind in a soak: how many were made, how many were seen in force, how long that took (median
 * and longest, from the file written to the first answer showing it), and the first that was not seen.
 */
record ReloadCount(HotReload.Kind kind, long done, long verified, double medianSeconds, double maxSeconds, String firstFailure) {

    /** One count per kind of {@code kinds}, in the kinds' order, a kind never done included (with zero). */
    static List<ReloadCount> of(List<HotReload.Outcome> outcomes, Set<HotReload.Kind> kinds) {
        List<ReloadCount> counts = new ArrayList<>();
        for (HotReload.Kind kind : new TreeSet<>(kinds)) {
            List<HotReload.Outcome> mine = outcomes.stream().filter(o -> o.kind() == kind).toList();
            double[] seconds = mine.stream().filter(HotReload.Outcome::verified).mapToDouble(HotReload.Outcome::seconds).toArray();
            String failure = mine.stream().filter(o -> !o.verified()).findFirst()
                    .map(o -> o.change() + ": after " + String.format(java.util.Locale.ROOT, "%.1f", o.seconds()) + " s still " + o.seenInstead())
                    .orElse(null);
            counts.add(new ReloadCount(kind, mine.size(), seconds.length, SoakTrends.median(seconds),
                    java.util.Arrays.stream(seconds).max().orElse(Double.NaN), failure));
        }
        return counts;
    }
}
