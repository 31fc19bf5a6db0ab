package io.memtune.api.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The naming convention of memtune metrics. Dropwizard names are plain strings; labels (tenant, pool,
 * executor) are written after the name in braces, {@code memtune.template.render{tenant=acme}}, so that
 * the Prometheus exposition can turn them into labels and fold rare values when there are too many.
 * Build the base name with {@code MetricRegistry.name("memtune", "template", "render")}, then
 * {@link #labeled(String, String...)}.
 */
public final class MetricNames {

    public static final String PREFIX = "memtune";

    private MetricNames() {
    }

    /**
     * {@code labeled("memtune.template.render", "tenant", "acme")} is
     * {@code memtune.template.render{tenant=acme}}. Characters {@code {},=} in values become {@code _}.
     */
    public static String labeled(String name, String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in key, value pairs");
        }
        if (keysAndValues.length == 0) {
            return name;
        }
        StringBuilder s = new StringBuilder(name).append('{');
        for (int i = 0; i < keysAndValues.length; i += 2) {
            s.append(i == 0 ? "" : ",").append(clean(keysAndValues[i])).append('=').append(clean(keysAndValues[i + 1]));
        }
        return s.append('}').toString();
    }

    /** The base name of a metric name, without labels. */
    public static String base(String name) {
        int brace = name.indexOf('{');
        return brace < 0 || !name.endsWith("}") ? name : name.substring(0, brace);
    }

    /** The labels of a metric name, in order; empty when it has none. */
    public static Map<String, String> labels(String name) {
        int brace = name.indexOf('{');
        if (brace < 0 || !name.endsWith("}")) {
            return Map.of();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : name.substring(brace + 1, name.length() - 1).split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                labels.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return Collections.unmodifiableMap(labels);
    }

    private static String clean(String s) {
        return s.replaceAll("[{},=]", "_");
    }
}
