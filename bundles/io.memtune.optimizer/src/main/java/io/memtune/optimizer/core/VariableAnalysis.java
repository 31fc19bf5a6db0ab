package io.memtune.optimizer.core;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.memtune.api.optimizer.VariableReport;

/** A template's names against a sample context: the data it never reads, the names the data lacks. */
final class VariableAnalysis {

    private VariableAnalysis() {
    }

    static VariableReport of(CompactTemplate template, Map<String, ?> sample) {
        Set<String> reads = template.readNames();
        Set<String> printed = template.printedNames();
        Set<String> keys = new TreeSet<>();
        Set<String> unused = new TreeSet<>();
        walk(sample, "", reads, printed, keys, unused);
        Set<String> missing = new TreeSet<>();
        if (reads != null) {
            for (String name : reads) {
                if (!keys.contains(name) && !name.isEmpty()) {
                    missing.add(name);
                }
            }
        }
        return new VariableReport(template.tenant, template.name, reads == null ? Set.of() : reads,
                reads == null ? Set.of() : unused, missing);
    }

    private static void walk(Object value, String path, Set<String> reads, Set<String> printed, Set<String> keys,
            Set<String> unused) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                String at = path.isEmpty() ? key : path + "." + key;
                keys.add(key);
                if (reads != null && !reads.contains(key)) {
                    unused.add(at);
                } else if (printed == null || !printed.contains(key)) {
                    walk(e.getValue(), at, reads, printed, keys, unused);
                } else {
                    collectKeys(e.getValue(), keys); // printed whole: everything under it is used
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                walk(item, path, reads, printed, keys, unused);
            }
        }
    }

    private static void collectKeys(Object value, Set<String> keys) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                keys.add(String.valueOf(k));
                collectKeys(v, keys);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collectKeys(item, keys));
        }
    }
}
