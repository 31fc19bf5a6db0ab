package io.memtune.alerting.core;

import java.util.Map;

/**
 * An alert rule.
 *
 * @param name its name
 * @param metric a registry name, or a prefix ending in {@code *}: then each matching series is an alert of its own
 * @param condition how the value is judged
 * @param threshold the threshold
 * @param clearThreshold where a firing alert's condition clears (hysteresis); equal to threshold for none
 * @param forMillis how long the condition must hold before firing
 * @param keepFiringForMillis how long a firing alert stays firing after its condition cleared
 * @param windowMillis the window of a rate
 * @param severity e.g. warning, critical
 * @param labels added to the alert
 * @param summary its text; {@code {{value}}} and {@code {{series}}} are filled in
 * @param action {@code none}, {@code capture-profile}, {@code evict-template-cache}, {@code shrink-pool:<name>}
 */
public record Rule(String name, String metric, Condition condition, double threshold, double clearThreshold,
        long forMillis, long keepFiringForMillis, long windowMillis, String severity, Map<String, String> labels,
        String summary, String action) {

    public Rule {
        labels = Map.copyOf(labels);
    }

    /** How a value is judged. */
    public enum Condition {
        ABOVE(">"), BELOW("<"), RATE_ABOVE("rate>"), P99_ABOVE("p99>");

        private final String symbol;

        Condition(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public static Condition of(String symbol) {
            for (Condition c : values()) {
                if (c.symbol.equals(symbol.trim())) {
                    return c;
                }
            }
            throw new IllegalArgumentException("condition '" + symbol + "': use >, <, rate> or p99>");
        }
    }

    boolean holds(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        return condition == Condition.BELOW ? value < threshold : value > threshold;
    }

    /** Whether a firing alert's value has crossed back past the clear threshold. */
    boolean cleared(double value) {
        if (Double.isNaN(value)) {
            return true;
        }
        return condition == Condition.BELOW ? value > clearThreshold : value < clearThreshold;
    }

    String summarize(double value, String series) {
        return summary.replace("{{value}}", String.format(java.util.Locale.ROOT, "%.4g", value)).replace("{{series}}", series);
    }
}
