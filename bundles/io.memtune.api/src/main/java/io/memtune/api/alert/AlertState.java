package io.memtune.api.alert;

/** Where an alert is in its life. */
public enum AlertState {
    /** The condition does not hold. */
    INACTIVE,
    /** The condition holds, not yet for the rule's {@code for} duration. */
    PENDING,
    /** The condition has held for {@code for}: sinks are told. */
    FIRING,
    /** It fired and the condition has cleared (past the clear threshold, for {@code keep_firing_for}). */
    RESOLVED
}
