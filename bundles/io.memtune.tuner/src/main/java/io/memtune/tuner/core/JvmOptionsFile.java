package io.memtune.tuner.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.memtune.api.tuner.Recommendation;

/**
 * A jvm.options (one option a line, {@code #} for comments, as {@code bin/memtune} reads it) with JVM recommendations
 * merged in: each option a recommendation replaces stays in the file as a comment naming what replaced it, and the
 * recommended options follow at the end, each under a comment with the rule and the figures behind it. A collector
 * replaces every other collector's selection (two of them stop the JVM at start); of two recommendations about one flag
 * the later one is taken.
 */
public final class JvmOptionsFile {

    /** The flags that select a collector: the JVM refuses to start with two. */
    static final Set<String> COLLECTORS = Set.of("UseSerialGC", "UseParallelGC", "UseG1GC", "UseZGC", "UseShenandoahGC",
            "UseEpsilonGC", "UseConcMarkSweepGC", "UseParallelOldGC");

    private JvmOptionsFile() {
    }

    /**
     * @param current the lines of the jvm.options in force
     * @param header comment lines (without {@code #}) put first: what was measured, and how to use the file
     * @param all the JVM recommendations, in order
     */
    public static String merge(List<String> current, List<String> header, List<Recommendation> all) {
        List<Recommendation> recommendations = distinct(all);
        List<String> out = new ArrayList<>();
        header.forEach(h -> out.add(h.isEmpty() ? "#" : "# " + h));
        if (!header.isEmpty()) {
            out.add("");
        }
        for (String line : current) {
            String option = line.replaceFirst("#.*", "").strip();
            Recommendation by = option.isEmpty() ? null
                    : recommendations.stream().filter(r -> replaces(r, option)).reduce((a, b) -> b).orElse(null);
            out.add(by == null ? line : "# " + line.strip() + "    <- replaced by the tuner (" + by.rule() + ", below)");
        }
        for (Recommendation r : recommendations) {
            out.add("# tuner (" + r.rule() + "; was " + r.current() + "): " + r.rationale());
            out.add(line(r));
        }
        return String.join("\n", out) + "\n";
    }

    /** The recommendations that go in: of two rules about one flag (a built-in one and a third party's), the later. */
    public static List<Recommendation> distinct(List<Recommendation> all) {
        List<Recommendation> distinct = new ArrayList<>();
        for (Recommendation r : all) {
            distinct.removeIf(earlier -> key(line(earlier)).equals(key(line(r))));
            distinct.add(r);
        }
        return distinct;
    }

    /** The option a recommendation puts in the file. */
    static String line(Recommendation r) {
        String s = r.setting();
        if (s.startsWith("-XX:+") || s.startsWith("-XX:-")) {
            return s;
        }
        return s.startsWith("-XX:") ? s + "=" + r.proposed() : s + r.proposed();
    }

    /** Whether a recommendation's option takes the place of {@code option} (an option of the file, comment removed). */
    static boolean replaces(Recommendation r, String option) {
        String mine = key(line(r));
        String theirs = key(option);
        return mine.equals(theirs) || COLLECTORS.contains(mine) && COLLECTORS.contains(theirs);
    }

    /** What an option sets, whatever the value: {@code -Xmx512m} and {@code -Xmx96m} both set Xmx. */
    static String key(String option) {
        if (option.startsWith("-XX:+") || option.startsWith("-XX:-")) {
            return option.substring(5);
        }
        if (option.startsWith("-XX:")) {
            int eq = option.indexOf('=');
            return eq < 0 ? option.substring(4) : option.substring(4, eq);
        }
        for (String sized : List.of("-Xmx", "-Xms", "-Xss", "-Xmn")) {
            if (option.startsWith(sized)) {
                return sized.substring(1);
            }
        }
        if (option.startsWith("-D")) {
            int eq = option.indexOf('=');
            return eq < 0 ? option : option.substring(0, eq);
        }
        return option;
    }
}
