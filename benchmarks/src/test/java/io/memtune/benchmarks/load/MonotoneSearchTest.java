package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class MonotoneSearchTest {

    private static List<Integer> xs(MonotoneSearch.Result r) {
        return r.probes().stream().map(MonotoneSearch.Probe::x).toList();
    }

    @Test
    void calibrationDoublesUsersThenBisectsAndPicksTheCountWhoseCpuIsNearestTheTarget() throws Exception {
        // a server taking 1.2 % of the machine per user: 40 % lies between 33 and 34 users
        MonotoneSearch.Result r = MonotoneSearch.search(1, 256, Calibration.TARGET, Calibration.PRECISION, users -> 0.012 * users);
        assertEquals(List.of(1, 2, 4, 8, 16, 32, 64, 48, 40, 36), xs(r));
        assertEquals(32, r.below().x());
        assertEquals(36, r.reached().x());
        // 32 users: 38.4 %, 36 users: 43.2 %; 32 is nearer 40 %
        assertEquals(32, r.closestTo(Calibration.TARGET).x());
    }

    @Test
    void calibrationPicksTheUpperNeighbourWhenItIsNearer() throws Exception {
        MonotoneSearch.Result r = MonotoneSearch.search(1, 256, 0.40, 0.125, users -> users < 20 ? 0.10 : 0.41);
        MonotoneSearch.Probe chosen = r.closestTo(0.40);
        assertTrue(chosen.x() >= 20 && chosen.x() <= 22, "bracketed within 12.5 %: " + r);
        assertEquals(0.41, chosen.value());
    }

    @Test
    void aServerAlreadyAboveTheTargetWithOneUserEndsTheSearchThere() throws Exception {
        MonotoneSearch.Result r = MonotoneSearch.search(1, 256, 0.40, 0.125, users -> 0.55);
        assertEquals(List.of(1), xs(r));
        assertNull(r.below());
        assertEquals(1, r.closestTo(0.40).x());
    }

    @Test
    void aTargetNeverReachedStopsAtTheLimitAndSaysSo() throws Exception {
        MonotoneSearch.Result r = MonotoneSearch.search(1, 100, 0.40, 0.125, users -> 0.001 * users);
        assertEquals(List.of(1, 2, 4, 8, 16, 32, 64, 100), xs(r));
        assertNull(r.reached());
        assertEquals(100, r.closestTo(0.40).x());
    }

    @Test
    void calibrationTakesTheKneeOfTheCpuCurveWhenTheTargetIsNeverReached() throws Exception {
        // the server's share levels off at 38 % from 32 users on (the load generator has the rest of the machine),
        // and the first probe, 1 user, reads 37 % (the JIT still compiling)
        Calibration c = Calibration.choose(MonotoneSearch.search(1, 64, Calibration.TARGET, Calibration.PRECISION,
                users -> users == 1 ? 0.37 : Math.min(0.38, 0.02 * users)));
        assertFalse(c.targetReached());
        assertEquals(32, c.n1(), "the fewest users within 10 % of the plateau (16 users: 32 %, 32 users: 38 %)");
        assertEquals(0.38, c.cpuShare());
        Calibration reached = Calibration.choose(MonotoneSearch.search(1, 256, Calibration.TARGET, Calibration.PRECISION,
                users -> 0.012 * users));
        assertTrue(reached.targetReached());
        assertEquals(32, reached.n1());
    }

    @Test
    void theHeapCapSearchFindsTheSmallestCapThatServesWithinItsPrecision() throws Exception {
        // baseline serves N1 from 71 MB on; the search starts from its heap after GC, 57 MB
        MonotoneSearch.Result r = MonotoneSearch.search(57, 256, MemoryBound.ENOUGH, MemoryBound.PRECISION, mb -> mb >= 71 ? 1.0 : 0.0);
        assertTrue(r.reached().x() >= 71 && r.reached().x() <= 71 + 57 * MemoryBound.PRECISION, r.toString());
        assertTrue(r.below().x() < 71, r.toString());
        assertTrue(r.probes().size() <= 6, "each probe is a run of its own: " + r.probes());
    }

    @Test
    void aStartBeyondTheLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MonotoneSearch.search(300, 256, 0.4, 0.125, x -> 0));
        assertThrows(IllegalArgumentException.class, () -> MonotoneSearch.search(0, 256, 0.4, 0.125, x -> 0));
    }
}
