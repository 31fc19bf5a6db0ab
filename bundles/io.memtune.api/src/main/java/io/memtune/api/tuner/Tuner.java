package io.memtune.api.tuner;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Recommends, applies (with verification and rollback), writes back, and keeps a history. */
@ProviderType
public interface Tuner {

    /** The recommendations for the system now. */
    List<Recommendation> recommend();

    /**
     * Applies live recommendations by id (all live ones when none are named) as runtime edits through
     * Config Admin; each is then verified over the verification window and rolled back if its metric
     * got worse beyond the tolerance.
     *
     * @return the history entries of the changes made
     */
    List<Change> apply(List<String> ids);

    /**
     * Undoes the last change applied live for a recommendation id: its setting goes back to the value it had
     * before ({@link Recommendation#current()} then), through Config Admin, and a pending verification of it is
     * dropped.
     *
     * @return the history entry of the rollback
     * @throws IllegalArgumentException when no change of that id is in force (never applied, or already rolled back)
     * @throws IllegalStateException when the setting cannot be written
     * @since 1.1
     */
    Change rollback(String id);

    /** Writes a recommendation into the environment file (explicit; never automatic). */
    Change writeBack(String id);

    /** A new jvm.options for the next start, with the JVM recommendations in it (never written silently). */
    String jvmOptions();

    List<Change> history();

    /**
     * One change and what became of it.
     *
     * @param recommendation what was changed
     * @param time when
     * @param outcome {@code applied}, {@code verified}, {@code rolled back: <why>} (after verification, or
     *     {@code rolled back: by the operator}), {@code written back}
     * @param before the verify metric before, NaN when none
     * @param after the verify metric after the window, NaN until verified
     */
    record Change(Recommendation recommendation, Instant time, String outcome, double before, double after) {
    }
}
