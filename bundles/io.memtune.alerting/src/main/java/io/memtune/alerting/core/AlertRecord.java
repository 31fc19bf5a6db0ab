package io.memtune.alerting.core;

/**
 * The state of one alert (a rule, or a rule and one of its series), as kept and persisted.
 *
 * @param rule the rule
 * @param series the metric series it watches
 * @param state where it is
 * @param value the last value
 * @param activeSince when the condition started to hold, 0 for none
 * @param firingSince when it started firing, 0 for none
 * @param clearedSince when a firing alert's condition cleared, 0 for none
 * @param resolvedAt when it resolved, 0 for none
 */
public record AlertRecord(String rule, String series, io.memtune.api.alert.AlertState state, double value,
        long activeSince, long firingSince, long clearedSince, long resolvedAt) {

    public String key() {
        return rule + "|" + series;
    }
}
