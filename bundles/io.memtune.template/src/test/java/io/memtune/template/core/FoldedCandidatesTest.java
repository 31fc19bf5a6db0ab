package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class FoldedCandidatesTest {

    private final FoldedCandidates candidates = new FoldedCandidates(16);

    @Test
    void aBusierTenantTakesTheSlotOfALessBusyOneNeverTheReverse() {
        candidates.offer("busy", 50);
        for (int i = 0; i < 1_000; i++) {
            candidates.offer("cold-" + i, 1); // every slot sees cold tenants; "busy" keeps its own
        }
        assertTrue(candidates.tenants().contains("busy"));
        assertEquals(16, candidates.tenants().size());
    }

    @Test
    void aPromotedTenantGivesItsSlotUp() {
        candidates.offer("a", 3);
        candidates.remove("a");
        assertEquals(List.of(), candidates.tenants());
    }

    @Test
    void halvedScoresLetNewcomersCompete() {
        candidates.offer("old", 8);
        candidates.halve();
        candidates.halve();
        candidates.halve();
        // a newcomer in the same slot as "old" with 2 recent renders now beats its decayed 1
        String rival = rivalOf("old");
        candidates.offer(rival, 2);
        assertTrue(candidates.tenants().contains(rival));
        assertFalse(candidates.tenants().contains("old"));
    }

    /** A name that lands in the same slot as {@code tenant}. */
    private String rivalOf(String tenant) {
        FoldedCandidates probe = new FoldedCandidates(16);
        for (int i = 0;; i++) {
            probe.offer(tenant, 100);
            probe.offer("rival-" + i, 1_000);
            if (!probe.tenants().contains(tenant)) {
                return "rival-" + i;
            }
        }
    }
}
