package io.memtune.api.profiler;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Watches for "zombie" bundles: after a bundle is updated or uninstalled, the class loader of its old
 * revision must become unreachable; one that stays reachable after collections holds every class (and
 * static) of the old code in memory, usually because something still references an object of it (a
 * compiled template bound to its classes, a thread, a cache, a service object kept after it left).
 *
 * <p>Old code is often held for a while for good reasons (a request finishing, an idle pool thread that
 * expires, a soft reference): an old revision is {@link State#WATCHING watched} during a grace period, then a
 * {@link State#SUSPECT suspect}, and {@link State#LEAKED leaked} only once it has stayed reachable for the whole
 * settle window and through full collections spread over it. One that becomes unreachable at any point is
 * forgotten, whatever it was called before.
 */
@ProviderType
public interface ClassLoaderLeaks {

    /** Old revisions still being watched or found leaking, oldest first. */
    List<LeakSuspect> suspects();

    /** Where an old revision's loader is in the check (an unreachable one is no longer listed). */
    enum State {
        /** Within the grace period: in-flight work may still hold the old code. */
        WATCHING,
        /** Reachable past the grace period, not yet through the settle window and its collections: may still clear. */
        SUSPECT,
        /** Reachable through the whole settle window and the full collections spread over it: a zombie. */
        LEAKED
    }

    /**
     * An old revision's class loader.
     *
     * @param bundle the bundle's symbolic name and version of the old revision
     * @param bundleId its id
     * @param event {@code updated} or {@code uninstalled}
     * @param secondsSince seconds since the event
     * @param collections full collections asked for since
     * @param state where it is in the check
     */
    record LeakSuspect(String bundle, long bundleId, String event, long secondsSince, int collections, State state) {

        /** Whether it is declared leaked: only then is it counted, logged as a leak and alerted on. */
        public boolean leaked() {
            return state == State.LEAKED;
        }
    }
}
