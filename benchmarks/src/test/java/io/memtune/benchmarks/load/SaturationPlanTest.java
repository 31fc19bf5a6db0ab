package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SaturationPlanTest {

    @Test
    void measuresEveryShapeAndTheSamplesByDefaultOnePinnedCoreEach() {
        SaturationPlan plan = SaturationPlan.parse();
        assertEquals(List.of("lean", "api-payload", "wide-lists", "reflective-misses", "samples"), plan.corpora());
        assertEquals("0", plan.serverCpus());
        assertEquals("1", plan.clientCpus());
        assertEquals(1, plan.threads());
        assertEquals(List.of("-Xms256m", "-Xmx256m"), plan.heapFlags());
        assertEquals(64, plan.connections());
    }

    @Test
    void quickShrinksTheRunAndLaterOptionsStillWin() {
        SaturationPlan plan = SaturationPlan.parse("--quick", "--rounds", "2", "--corpora", "lean");
        assertEquals(2, plan.rounds());
        assertEquals(1, plan.measureWindows());
        assertEquals(List.of("lean"), plan.corpora());
    }

    @Test
    void givesWrkAThreadPerClientCpu() {
        assertEquals(2, SaturationPlan.parse("--client-cpus", "4-5").threads());
        assertEquals(4, SaturationPlan.cpuCount("0,2,4-5"));
    }

    @Test
    void refusesNonsenseNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SaturationPlan.parse("--corpora", "lean,fat"));
        assertTrue(e.getMessage().contains("--corpora") && e.getMessage().contains("'fat'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SaturationPlan.parse("--rounds", "two"));
        assertTrue(e.getMessage().contains("--rounds"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SaturationPlan.parse("--server-cpus", "first"));
        assertTrue(e.getMessage().contains("CPU list"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SaturationPlan.parse("--steady-cap-seconds", "10"));
    }
}
