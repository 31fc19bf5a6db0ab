package io.memtune.api.alert;

import java.time.Instant;
import java.util.Map;

/**
 * An alert of one rule.
 *
 * @param rule the rule's name
 * @param state where it is
 * @param severity e.g. {@code warning}, {@code critical}
 * @param labels the rule's labels
 * @param summary the rule's summary with the value filled in
 * @param value the metric's value at the last evaluation
 * @param activeSince when the condition started to hold, or null
 * @param firingSince when it started firing, or null
 * @param resolvedAt when it resolved, or null
 * @param silenced whether a silence keeps it from the sinks
 */
public record Alert(String rule, AlertState state, String severity, Map<String, String> labels, String summary,
        double value, Instant activeSince, Instant firingSince, Instant resolvedAt, boolean silenced) {

    public Alert {
        labels = Map.copyOf(labels);
    }
}
