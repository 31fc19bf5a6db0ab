package io.memtune.profiler.core;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.memtune.api.profiler.ClassLoaderLeaks.LeakSuspect;
import io.memtune.api.profiler.ClassLoaderLeaks.State;

/**
 * Weak-reference canaries on class loaders. A live revision's loader is remembered weakly; when its bundle is
 * updated or uninstalled the canary is watched until it clears, when it is forgotten. Still set past the grace
 * period it is a suspect; declared leaked only when it is still set after a full collection taken once the
 * settle window has passed, and after at least {@code collections} full collections spread over that window.
 * Old code held for a while (an idle pool thread that expires after a minute, a soft reference, a request
 * finishing) clears within the window and is never called leaked. Never holds a loader strongly.
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
        long lastCollection = Long.MIN_VALUE;

        Canary(String bundle, long bundleId, ClassLoader loader) {
            this.bundle = bundle;
            this.bundleId = bundleId;
            this.loader = new WeakReference<>(loader);
        }
    }

    /** What the check is told about: {@code grace} at most {@code settle}, both in milliseconds. */
    public record Policy(long graceMillis, long settleMillis, int collections) {

        public Policy {
            if (graceMillis < 0 || settleMillis < 0 || collections < 1) {
                throw new IllegalArgumentException("grace and settle must not be negative and collections at least 1: "
                        + graceMillis + ", " + settleMillis + ", " + collections);
            }
            settleMillis = Math.max(settleMillis, graceMillis);
        }

        /** The time between two collections asked for the same canary: the settle window spread over them. */
        long spacingMillis() {
            return settleMillis / collections;
        }
    }

    /** The current revision's loader of each bundle, by bundle id (not by revision: that would hold it). */
    private final Map<Long, Canary> live = new ConcurrentHashMap<>();
    private final List<Canary> watched = new ArrayList<>();
    private final Policy policy;
    private final LongSupplier clock;
    private final List<Released> clearedAfterSuspicion = new ArrayList<>();

    /** An old revision that cleared after it had been a suspect (or declared leaked), {@code seconds} after retiring. */
    public record Released(String bundle, long bundleId, long seconds) {
    }

    /** @param clock milliseconds */
    public LeakCanaries(Policy policy, LongSupplier clock) {
        this.policy = policy;
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

    /**
     * Whether a check should ask for a full collection now: one at once after an update (a clean old revision
     * clears at the first), then one every settle window / collections while a canary is not settled, and one
     * after the window has passed; none for a canary already declared leaked.
     */
    public synchronized boolean wantsCollection() {
        forgetCleared();
        long now = clock.getAsLong();
        return watched.stream().anyMatch(c -> wantsCollection(c, now));
    }

    private boolean wantsCollection(Canary c, long now) {
        if (state(c, now) == State.LEAKED) {
            return false;
        }
        return c.collections == 0 || now - c.lastCollection >= policy.spacingMillis()
                || (now - c.since >= policy.settleMillis() && !collectedAfterTheWindow(c));
    }

    /** After a collection: forget cleared canaries, count the collection for the others. */
    public synchronized void collected() {
        forgetCleared();
        long now = clock.getAsLong();
        for (Canary c : watched) {
            if (state(c, now) != State.LEAKED) {
                c.collections++;
                c.lastCollection = now;
            }
        }
    }

    public synchronized List<LeakSuspect> suspects() {
        forgetCleared();
        long now = clock.getAsLong();
        List<LeakSuspect> out = new ArrayList<>();
        for (Canary c : watched) {
            out.add(new LeakSuspect(c.bundle, c.bundleId, c.event, (now - c.since) / 1000, c.collections, state(c, now)));
        }
        return out;
    }

    /**
     * The old revisions that cleared after having been suspects or declared leaked, since the last call: a hold
     * that ended, worth a line in the log after the suspicion was.
     */
    public synchronized List<Released> drainClearedAfterSuspicion() {
        List<Released> out = List.copyOf(clearedAfterSuspicion);
        clearedAfterSuspicion.clear();
        return out;
    }

    private State state(Canary c, long now) {
        if (c.collections >= policy.collections() && collectedAfterTheWindow(c)) {
            return State.LEAKED;
        }
        return now - c.since >= policy.graceMillis() ? State.SUSPECT : State.WATCHING;
    }

    private boolean collectedAfterTheWindow(Canary c) {
        return c.collections > 0 && c.lastCollection - c.since >= policy.settleMillis();
    }

    private void forgetCleared() {
        long now = clock.getAsLong();
        watched.removeIf(c -> {
            if (c.loader.get() != null) {
                return false;
            }
            if (now - c.since >= policy.graceMillis()) {
                clearedAfterSuspicion.add(new Released(c.bundle, c.bundleId, (now - c.since) / 1000));
            }
            return true;
        });
    }
}
