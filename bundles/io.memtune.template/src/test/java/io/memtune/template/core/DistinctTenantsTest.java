package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DistinctTenantsTest {

    private final DistinctTenants distinct = new DistinctTenants();

    @Test
    void estimatesHowManyDifferentTenantsWithinAFewPerCentWhateverTheirNumber() {
        int added = 0;
        for (int n : new int[] {10, 1_000, 20_000, 100_000, 500_000}) {
            for (; added < n; added++) {
                distinct.add("tenant-" + added);
                distinct.add("tenant-" + added); // twice: still one tenant
            }
            long estimate = distinct.estimate();
            assertTrue(Math.abs(estimate - n) <= Math.max(1, 0.1 * n), n + " tenants estimated as " + estimate);
        }
    }

    @Test
    void coversThisPeriodAndThePreviousOneThenForgets() {
        for (int i = 0; i < 1_000; i++) {
            distinct.add("first-" + i);
        }
        distinct.rotate();
        for (int i = 0; i < 1_000; i++) {
            distinct.add("second-" + i);
        }
        assertEquals(2_000, distinct.estimate(), 200);
        distinct.rotate();
        assertEquals(1_000, distinct.estimate(), 100);
        distinct.rotate();
        assertEquals(0, distinct.estimate());
    }
}
