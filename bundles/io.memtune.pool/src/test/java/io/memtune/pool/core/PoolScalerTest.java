package io.memtune.pool.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class PoolScalerTest {

    private static final PoolHandle.ScalingBand BAND = new PoolHandle.ScalingBand(5, 45);

    @Test
    void aTransientSpikeChangesNothing() {
        PoolScaler scaler = new PoolScaler(0.3, 0.8, 5, 10_000, 30_000);
        assertEquals(OptionalInt.empty(), scaler.observe(1.0, 5, BAND, 0));
        assertEquals(OptionalInt.empty(), scaler.observe(1.0, 5, BAND, 5_000));
        assertEquals(OptionalInt.empty(), scaler.observe(0.5, 5, BAND, 6_000), "back in the band");
        assertEquals(OptionalInt.empty(), scaler.observe(1.0, 5, BAND, 12_000), "the window starts again");
    }

    @Test
    void sustainedHighUtilizationGrowsByStepsWithACoolDownUpToTheCeiling() {
        PoolScaler scaler = new PoolScaler(0.3, 0.8, 20, 10_000, 30_000);
        scaler.observe(0.9, 5, BAND, 0);
        assertEquals(OptionalInt.of(25), scaler.observe(0.9, 5, BAND, 10_000));
        assertEquals(OptionalInt.empty(), scaler.observe(0.9, 25, BAND, 25_000), "cool-down");
        scaler.observe(0.9, 25, BAND, 30_000);
        assertEquals(OptionalInt.of(45), scaler.observe(0.9, 25, BAND, 40_000));
        scaler.observe(0.9, 45, BAND, 80_000);
        assertEquals(OptionalInt.empty(), scaler.observe(0.9, 45, BAND, 95_000), "at the ceiling");
    }

    @Test
    void sustainedLowUtilizationShrinksToTheFloor() {
        PoolScaler scaler = new PoolScaler(0.3, 0.8, 30, 10_000, 0);
        scaler.observe(0.1, 45, BAND, 0);
        assertEquals(OptionalInt.of(15), scaler.observe(0.1, 45, BAND, 10_000));
        scaler.observe(0.1, 15, BAND, 10_001);
        assertEquals(OptionalInt.of(5), scaler.observe(0.1, 15, BAND, 20_001));
    }
}
