package io.memtune.profiler.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.Reference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.memtune.api.profiler.ClassLoaderLeaks.State;

class LeakCanariesTest {

    private static final long GRACE = 5_000;
    private static final long SETTLE = 60_000;
    private static final long CHECK = 1_000;

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LeakCanaries canaries = new LeakCanaries(new LeakCanaries.Policy(GRACE, SETTLE, 3), now::get);

    private static ClassLoader loader() {
        return new URLClassLoader(new URL[0], null);
    }

    /** One check as the watch runs it: a collection when one is wanted. */
    private void check() {
        if (canaries.wantsCollection()) {
            System.gc();
            canaries.collected();
        }
    }

    private State state() {
        return canaries.suspects().get(0).state();
    }

    @Test
    void aRetiredLoaderThatBecomesUnreachableIsForgotten() {
        canaries.started(7, "it.gone 1.0.0", loader()); // nothing else holds it
        canaries.retired(7, "updated");
        // collections until it clears, with a deadline (a collection may not clear a weak reference at once)
        for (long deadline = System.nanoTime() + 10_000_000_000L; canaries.wantsCollection() && System.nanoTime() < deadline;) {
            System.gc();
            canaries.collected();
        }
        assertEquals(0, canaries.suspects().size());
        assertEquals(List.of(), canaries.drainClearedAfterSuspicion(), "cleared within the grace period: no news");
    }

    @Test
    void aLoaderStillReferencedIsWatchingThenSuspectThenLeakedOnlyAfterTheSettleWindowAndItsCollections() {
        ClassLoader kept = loader(); // the "zombie": something keeps it
        canaries.started(8, "it.zombie 1.0.0", kept);
        canaries.retired(8, "uninstalled");
        check();
        assertEquals(State.WATCHING, state(), "within the grace period");
        assertEquals(1, canaries.suspects().get(0).collections(), "a collection at once: a clean revision clears at the first");
        List<State> seen = new ArrayList<>();
        while (now.get() - 1_000_000 < SETTLE - CHECK) {
            now.addAndGet(CHECK);
            check();
            seen.add(state());
        }
        assertTrue(seen.contains(State.SUSPECT), seen.toString());
        assertFalse(seen.contains(State.LEAKED), "not before the settle window has passed: " + seen);
        int collections = canaries.suspects().get(0).collections();
        assertTrue(collections >= 3 && collections <= 4, "collections spread over the window, not one a check: " + collections);
        now.addAndGet(CHECK);
        check();
        assertEquals(State.LEAKED, state(), canaries.suspects().toString());
        assertTrue(canaries.suspects().get(0).leaked());
        assertEquals("uninstalled", canaries.suspects().get(0).event());
        assertFalse(canaries.wantsCollection(), "no more collections asked for a declared leak");
        Reference.reachabilityFence(kept);
    }

    @Test
    void aLoaderHeldForLongerThanTheGraceButReleasedWithinTheSettleWindowIsNeverDeclaredLeaked() {
        AtomicReference<ClassLoader> held = new AtomicReference<>(loader()); // e.g. an idle pool thread of the old code
        canaries.started(9, "it.brief 1.0.0", held.get());
        canaries.retired(9, "updated");
        List<State> seen = new ArrayList<>();
        for (int i = 0; i < 50 && !canaries.suspects().isEmpty(); i++) { // 50 s: well past the old "grace + 3 collections"
            now.addAndGet(CHECK);
            check();
            canaries.suspects().forEach(s -> seen.add(s.state()));
        }
        assertTrue(seen.contains(State.SUSPECT), seen.toString());
        held.set(null); // the thread expires
        for (long deadline = System.nanoTime() + 10_000_000_000L; !canaries.suspects().isEmpty() && System.nanoTime() < deadline;) {
            now.addAndGet(CHECK);
            check();
            canaries.suspects().forEach(s -> seen.add(s.state()));
        }
        assertEquals(0, canaries.suspects().size());
        assertFalse(seen.contains(State.LEAKED), seen.toString());
        List<LeakCanaries.Released> released = canaries.drainClearedAfterSuspicion();
        assertEquals(1, released.size());
        assertEquals(9, released.get(0).bundleId());
    }

    @Test
    void aLiveBundleIsNotWatched() {
        ClassLoader live = loader();
        canaries.started(10, "it.live 1.0.0", live);
        assertEquals(0, canaries.suspects().size());
        assertFalse(canaries.wantsCollection());
        Reference.reachabilityFence(live);
    }

    @Test
    void aSettleWindowShorterThanTheGraceIsTheGrace() {
        assertEquals(5_000, new LeakCanaries.Policy(5_000, 1_000, 2).settleMillis());
    }
}
