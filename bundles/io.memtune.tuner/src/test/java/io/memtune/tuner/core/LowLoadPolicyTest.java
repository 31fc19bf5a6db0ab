package io.memtune.tuner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LowLoadPolicyTest {

    private final LowLoadPolicy policy = new LowLoadPolicy(1.0, 10_000, 60_000);

    @Test
    void neverCollectsWhileTheRateIsAboveTheLine() {
        for (long t = 0; t < 120_000; t += 1000) {
            assertFalse(policy.shouldCollect(50, t));
        }
    }

    @Test
    void collectsOnlyAfterAWholeQuietPeriod() {
        assertFalse(policy.shouldCollect(0.5, 0));
        assertFalse(policy.shouldCollect(0.5, 9_999));
        assertTrue(policy.shouldCollect(0.5, 10_000));
    }

    @Test
    void aBurstOfLoadRestartsTheQuietPeriod() {
        policy.shouldCollect(0, 0);
        policy.shouldCollect(5, 8_000);
        assertFalse(policy.shouldCollect(0, 12_000));
        assertEquals(0, policy.quietForMillis(12_000));
        assertFalse(policy.shouldCollect(0, 21_999));
        assertTrue(policy.shouldCollect(0, 22_000));
    }

    @Test
    void collectsAtMostOncePerInterval() {
        int collections = 0;
        for (long t = 0; t <= 130_000; t += 1000) {
            collections += policy.shouldCollect(0, t) ? 1 : 0;
        }
        assertEquals(3, collections, "at 10 s, 70 s and 130 s");
    }
}
