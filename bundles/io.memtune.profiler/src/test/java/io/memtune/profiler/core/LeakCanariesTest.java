package io.memtune.profiler.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LeakCanariesTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LeakCanaries canaries = new LeakCanaries(5_000, 2, now::get);

    private static ClassLoader loader() {
        return new URLClassLoader(new URL[0], null);
    }

    private void collect() {
        System.gc();
        canaries.collected();
    }

    @Test
    void aRetiredLoaderThatBecomesUnreachableIsForgotten() {
        canaries.started(7, "it.gone 1.0.0", loader()); // nothing else holds it
        canaries.retired(7, "updated");
        // collections until it clears, with a deadline (a collection may not clear a weak reference at once)
        for (long deadline = System.nanoTime() + 10_000_000_000L; canaries.wantsCollection() && System.nanoTime() < deadline;) {
            System.gc();
        }
        assertEquals(0, canaries.suspects().size());
    }

    @Test
    void aRetiredLoaderStillReferencedIsDeclaredLeakedAfterGraceAndCollections() {
        ClassLoader kept = loader(); // the "zombie": something keeps it
        canaries.started(8, "it.zombie 1.0.0", kept);
        canaries.retired(8, "uninstalled");
        collect();
        assertFalse(canaries.suspects().get(0).leaked(), "one collection: still watching");
        collect();
        assertFalse(canaries.suspects().get(0).leaked(), "within the grace period");
        now.addAndGet(6_000);
        assertTrue(canaries.suspects().get(0).leaked(), canaries.suspects().toString());
        assertEquals("uninstalled", canaries.suspects().get(0).event());
        assertFalse(canaries.wantsCollection(), "no more collections asked for a declared leak");
        java.lang.ref.Reference.reachabilityFence(kept);
    }

    @Test
    void aLiveBundleIsNotWatched() {
        ClassLoader live = loader();
        canaries.started(9, "it.live 1.0.0", live);
        assertEquals(0, canaries.suspects().size());
        assertFalse(canaries.wantsCollection());
        java.lang.ref.Reference.reachabilityFence(live);
    }
}
