package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LeastSquaresTest {

    @Test
    void theSlopeOfPointsOnALineIsTheLinesSlope() {
        assertEquals(2.5, LeastSquares.slope(new double[] {0, 1, 2, 3}, new double[] {10, 12.5, 15, 17.5}), 1e-12);
        assertEquals(-1, LeastSquares.slope(new double[] {0, 2, 4}, new double[] {4, 2, 0}), 1e-12);
    }

    @Test
    void everyPointCountsNotOnlyTheEnds() {
        // first and last equal, the middle high: no trend end to end, and none by least squares either
        assertEquals(0, LeastSquares.slope(new double[] {0, 1, 2}, new double[] {1, 5, 1}), 1e-12);
        // the ends alone would say 0; the points between rise
        assertTrue(LeastSquares.slope(new double[] {0, 1, 2, 3, 4}, new double[] {0, 2, 3, 4, 0}) > 0);
    }

    @Test
    void withoutTwoDistinctXThereIsNoSlope() {
        assertTrue(Double.isNaN(LeastSquares.slope(new double[] {3}, new double[] {1})));
        assertTrue(Double.isNaN(LeastSquares.slope(new double[] {3, 3}, new double[] {1, 2})));
        assertThrows(IllegalArgumentException.class, () -> LeastSquares.slope(new double[] {1, 2}, new double[] {1}));
    }

    @Test
    void aSlopeWithAnotherVariableHeldConstantTakesOutThatVariablesShare() {
        double[] x = {0, 1, 2, 3, 4, 5};
        double[] z = {5, 1, 4, 2, 6, 3};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 7 + 0.5 * x[i] + 3 * z[i];
        }
        assertEquals(0.5, LeastSquares.holding(x, y, z).slope(), 1e-9);
        assertTrue(Math.abs(LeastSquares.slope(x, y) - 0.5) > 0.1, "without z held, its share leaks into the slope");
    }

    @Test
    void anotherVariableThatDoesNotVaryOrMovesWithXCannotBeHeld() {
        double[] x = {0, 1, 2, 3};
        assertNull(LeastSquares.holding(x, new double[] {1, 2, 3, 4}, new double[] {9, 9, 9, 9}));
        assertNull(LeastSquares.holding(x, new double[] {1, 2, 3, 4}, new double[] {10, 21, 29, 41}));
    }
}
