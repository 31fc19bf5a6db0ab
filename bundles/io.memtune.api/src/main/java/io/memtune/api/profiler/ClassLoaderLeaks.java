package io.memtune.api.profiler;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Watches for "zombie" bundles: after a bundle is updated or uninstalled, the class loader of its old
 * revision must become unreachable; one that stays reachable after collections holds every class (and
 * static) of the old code in memory, usually because something still references an object of it (a
 * compiled template bound to its classes, a thread, a cache, a service object kept after it left).
 */
@ProviderType
public interface ClassLoaderLeaks {

    /** Old revisions still being watched or found leaking, oldest first. */
    List<LeakSuspect> suspects();

    /**
     * An old revision's class loader.
     *
     * @param bundle the bundle's symbolic name and version of the old revision
     * @param bundleId its id
     * @param event {@code updated} or {@code uninstalled}
     * @param secondsSince seconds since the event
     * @param collections full collections asked for since
     * @param leaked whether it is declared leaked (still reachable after the grace period and the collections)
     */
    record LeakSuspect(String bundle, long bundleId, String event, long secondsSince, int collections, boolean leaked) {
    }
}
