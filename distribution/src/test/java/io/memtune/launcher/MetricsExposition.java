package io.memtune.launcher;

import java.util.Set;
import java.util.TreeSet;

/** The series names of a Prometheus text exposition ({@code /metrics}): each sample line's name, comments left out. */
final class MetricsExposition {

    private MetricsExposition() {
    }

    static Set<String> seriesNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }
}
