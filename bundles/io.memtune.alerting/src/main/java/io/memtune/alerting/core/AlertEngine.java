package io.memtune.alerting.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.memtune.api.alert.AlertState;

/**
 * The state machine of every alert: inactive → pending (condition holds) → firing (held for {@code for}) →
 * resolved (cleared past the clear threshold for {@code keep_firing_for}); a pending alert whose condition
 * stops holding goes back to inactive. Deterministic: time comes in with each evaluation.
 *
 * <p>Not thread-safe: one thread evaluates.
 */
public final class AlertEngine {

    private final Map<String, AlertRecord> alerts = new ConcurrentHashMap<>();

    /** A change worth telling the sinks. @param previous the state before */
    public record Transition(AlertRecord alert, AlertState previous) {
    }

    /** Starts from persisted states (a restart does not send a firing alert back to pending). */
    public void restore(Collection<AlertRecord> records) {
        records.forEach(r -> alerts.put(r.key(), r));
    }

    /**
     * One evaluation of one rule.
     *
     * @param values the rule's series and their values now
     * @return the transitions to firing and to resolved
     */
    public List<Transition> evaluate(Rule rule, Map<String, Double> values, long now) {
        List<Transition> transitions = new ArrayList<>();
        for (Map.Entry<String, Double> v : values.entrySet()) {
            String key = rule.name() + "|" + v.getKey();
            AlertRecord before = alerts.getOrDefault(key,
                    new AlertRecord(rule.name(), v.getKey(), AlertState.INACTIVE, Double.NaN, 0, 0, 0, 0));
            AlertRecord after = step(rule, before, v.getValue(), now);
            alerts.put(key, after);
            if (after.state() != before.state() && (after.state() == AlertState.FIRING || after.state() == AlertState.RESOLVED)) {
                transitions.add(new Transition(after, before.state()));
            }
        }
        return transitions;
    }

    static AlertRecord step(Rule rule, AlertRecord a, double value, long now) {
        boolean holds = rule.holds(value);
        switch (a.state()) {
            case INACTIVE:
            case RESOLVED:
                if (!holds) {
                    return new AlertRecord(a.rule(), a.series(), a.state(), value, 0, 0, 0, a.resolvedAt());
                }
                return rule.forMillis() <= 0
                        ? new AlertRecord(a.rule(), a.series(), AlertState.FIRING, value, now, now, 0, 0)
                        : new AlertRecord(a.rule(), a.series(), AlertState.PENDING, value, now, 0, 0, 0);
            case PENDING:
                if (!holds) {
                    return new AlertRecord(a.rule(), a.series(), AlertState.INACTIVE, value, 0, 0, 0, 0);
                }
                if (now - a.activeSince() >= rule.forMillis()) {
                    return new AlertRecord(a.rule(), a.series(), AlertState.FIRING, value, a.activeSince(), now, 0, 0);
                }
                return new AlertRecord(a.rule(), a.series(), AlertState.PENDING, value, a.activeSince(), 0, 0, 0);
            default: // FIRING
                if (!rule.cleared(value)) {
                    return new AlertRecord(a.rule(), a.series(), AlertState.FIRING, value, a.activeSince(), a.firingSince(), 0, 0);
                }
                long clearedSince = a.clearedSince() == 0 ? now : a.clearedSince();
                if (now - clearedSince >= rule.keepFiringForMillis()) {
                    return new AlertRecord(a.rule(), a.series(), AlertState.RESOLVED, value, a.activeSince(), a.firingSince(),
                            clearedSince, now);
                }
                return new AlertRecord(a.rule(), a.series(), AlertState.FIRING, value, a.activeSince(), a.firingSince(),
                        clearedSince, 0);
        }
    }

    public Collection<AlertRecord> records() {
        return List.copyOf(alerts.values());
    }

    /** Forgets the alerts of rules no longer configured. */
    public void retain(Collection<String> rules) {
        alerts.values().removeIf(a -> !rules.contains(a.rule()));
    }
}
