package io.memtune.api.alert;

import java.time.Duration;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The alerts of the container, their rules and silences. */
@ProviderType
public interface AlertService {

    /** The alerts pending or firing now; with {@code all}, also the recent resolved ones. */
    List<Alert> alerts(boolean all);

    List<AlertRule> rules();

    /**
     * Keeps a rule's alerts from the sinks for a while.
     *
     * @param untilResolved also end the silence when the alert resolves
     * @throws IllegalArgumentException for an unknown rule or a duration not positive
     */
    void silence(String rule, Duration duration, boolean untilResolved);

    /**
     * A rule as configured.
     *
     * @param name its name
     * @param metric the registry name it watches
     * @param condition {@code >}, {@code <}, {@code rate>} (per second over the window) or {@code p99>}
     * @param threshold the threshold
     * @param clearThreshold where the condition clears (hysteresis)
     * @param forDuration how long the condition must hold before firing
     * @param keepFiringFor how long it keeps firing after clearing
     * @param severity the severity
     * @param action what it does when it starts firing: {@code none}, {@code capture-profile},
     *        {@code evict-template-cache}, {@code shrink-pool:<name>}
     */
    record AlertRule(String name, String metric, String condition, double threshold, double clearThreshold,
            Duration forDuration, Duration keepFiringFor, String severity, String action) {
    }
}
