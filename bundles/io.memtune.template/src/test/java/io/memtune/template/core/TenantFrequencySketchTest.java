package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TenantFrequencySketchTest {

    private final TenantFrequencySketch sketch = new TenantFrequencySketch(1024);

    @Test
    void neverEstimatesBelowTheCountAndBarelyAboveItForAFewTenants() {
        for (int t = 0; t < 50; t++) {
            for (int i = 0; i <= t; i++) {
                sketch.increment("tenant-" + t);
            }
        }
        for (int t = 0; t < 50; t++) {
            int estimate = sketch.estimate("tenant-" + t);
            assertTrue(estimate >= t + 1 && estimate <= t + 2, "tenant-" + t + ": " + estimate);
        }
    }

    @Test
    void aBusyTenantStandsOutOfTheCollisionsOfAHundredThousandOthers() {
        for (int i = 0; i < 100_000; i++) {
            sketch.increment("once-" + i);
        }
        for (int i = 0; i < 500; i++) {
            sketch.increment("busy");
        }
        long collisions = 100_000 / sketch.width();
        assertTrue(sketch.estimate("busy") >= 500 && sketch.estimate("busy") <= 500 + 2 * collisions,
                "busy: " + sketch.estimate("busy"));
        int overestimated = 0;
        for (int i = 0; i < 1_000; i++) {
            overestimated += sketch.estimate("once-" + i) - collisions > 6 ? 1 : 0;
        }
        assertTrue(overestimated < 10, overestimated + " of 1,000 once-tenants look busier than 6 renders");
    }

    @Test
    void halvingWeighsEarlierRendersLess() {
        for (int i = 0; i < 40; i++) {
            sketch.increment("a");
        }
        sketch.halve();
        assertEquals(20, sketch.estimate("a"));
        sketch.halve();
        assertEquals(10, sketch.estimate("a"));
    }

    @Test
    void refusesAWidthThatIsNotAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new TenantFrequencySketch(1000));
    }
}
