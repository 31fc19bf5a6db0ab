package io.memtune.api.tuner;

/**
 * One proposed change.
 *
 * @param id stable for the same setting, so it can be named in {@code tune --apply <id>}
 * @param rule the rule that made it
 * @param kind what kind of setting
 * @param setting {@code pid/key} for a configuration, the flag for a JVM option
 * @param current its value now, as text
 * @param proposed the value proposed, as text
 * @param rationale one sentence with the figures behind it
 * @param expectedEffect what should improve
 * @param confidence how sure the rule is, 0..1
 * @param verifyMetric the registry series the closed loop watches after applying, or null
 * @param lowerIsBetter whether a lower value of {@code verifyMetric} is an improvement
 */
public record Recommendation(String id, String rule, Kind kind, String setting, String current, String proposed,
        String rationale, String expectedEffect, double confidence, String verifyMetric, boolean lowerIsBetter) {

    /** Whether a recommendation can take effect in the running container. */
    public enum Kind {
        /** A configuration value: applied live through Config Admin. */
        LIVE_CONFIGURATION,
        /** A JVM flag: takes effect at the next start, through jvm.options. */
        JVM_OPTION
    }

    public boolean live() {
        return kind == Kind.LIVE_CONFIGURATION;
    }
}
