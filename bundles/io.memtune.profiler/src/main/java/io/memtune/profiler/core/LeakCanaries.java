package io.memtune.profiler.core;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.memtune.api.profiler.ClassLoaderLeaks.LeakSuspect;

/**
 * Weak-reference canaries on class loaders. A live revision's loader is remembered weakly; when its bundle is
 * updated or uninstalled the canary is watched: cleared, it is forgotten; still set after the grace period
 * and the collections asked for, the old revision is declared leaked. Never holds a loader strongly.
 */
public final class LeakCanaries {

    /** A watched loader. */
    private static final class Canary {
        final String bundle;
        final long bundleId;
        final WeakReference<ClassLoader> loader;
        String event;
        long since = -1;
        int collections;

        Canary(String bundle, long bundleId, ClassLoader loader) {
            this.bundle = bundle;
            this.bundleId = bundleId;
            this.loader = new WeakReference<>(loader);
        }
    }

    /** The current revision's loader of each bundle, by bundle id (not by revision: that would hold it). */
    private final Map<Long, Canary> live = new ConcurrentHashMap<>();
    private final List<Canary> watched = new ArrayList<>();
    private final long graceMillis;
    private final int collections;
    private final LongSupplier clock;

    /**
     * @param graceMillis how long an old revision may stay reachable (in-flight work finishing)
     * @param collections how many full collections, one a check, before it is declared leaked
     */
    public LeakCanaries(long graceMillis, int collections, LongSupplier clock) {
        this.graceMillis = graceMillis;
        this.collections = collections;
        this.clock = clock;
    }

    /** A bundle started: its revision's loader is remembered, weakly. */
    public void started(long bundleId, String bundle, ClassLoader loader) {
        Canary known = live.get(bundleId);
        if (loader != null && (known == null || known.loader.get() != loader)) {
            live.put(bundleId, new Canary(bundle, bundleId, loader));
        }
    }

    /** The bundle was updated or uninstalled: its old revision's loader must become unreachable. */
    public synchronized void retired(long bundleId, String event) {
        Canary c = live.remove(bundleId);
        if (c != null) {
            c.event = event;
            c.since = clock.getAsLong();
            watched.add(c);
        }
    }

    /** Whether a check would want a full collection (something watched, not yet cleared). */
    public synchronized boolean wantsCollection() {
        watched.removeIf(c -> c.loader.get() == null);
        return watched.stream().anyMatch(c -> c.collections < collections);
    }

    /** After a collection: forget cleared canaries, count the collection for the others. */
    public synchronized void collected() {
        watched.removeIf(c -> c.loader.get() == null);
        for (Canary c : watched) {
            if (c.collections < collections) {
                c.collections++;
            }
        }
    }

    public synchronized List<LeakSuspect> suspects() {
        watched.removeIf(c -> c.loader.get() == null);
        long now = clock.getAsLong();
        List<LeakSuspect> out = new ArrayList<>();
        for (Canary c : watched) {
            out.add(new LeakSuspect(c.bundle, c.bundleId, c.event, (now - c.since) / 1000, c.collections,
                    c.collections >= collections && now - c.since >= graceMillis));
        }
        return out;
    }
}
