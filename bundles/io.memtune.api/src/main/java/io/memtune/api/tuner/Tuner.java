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

    /**
     * A new jvm.options for the next start, with the JVM recommendations in it and the measurements behind each flag
     * (never written silently).
     */
    String jvmOptions();

    /**
     * Measures the live set now: one whole-heap collection (stop-the-world: a pause of about the live set's size
     * times {@link MemoryWindow#fullPauseMillisPerMb()}), whose result enters the memory window like any other
     * whole-heap collection. For when the window has none (G1 with room to spare may run for hours without one):
     * ask under representative load.
     *
     * @return the memory window after the collection
     * @throws IllegalStateException when the collection did not happen ({@code -XX:+DisableExplicitGC}) or measured
     *     nothing (a concurrent cycle, {@code -XX:+ExplicitGCInvokesConcurrent})
     * @since 1.2
     */
    MemoryWindow collectLiveSet();

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
