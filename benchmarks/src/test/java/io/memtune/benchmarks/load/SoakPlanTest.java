package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class SoakPlanTest {

    @Test
    void theCiSoakRunsTwoAndAHalfMinutesAtN1WithAHundredSecondWarmUp() {
        SoakPlan plan = Soaks.plan();
        assertEquals(Duration.ofSeconds(150), plan.length());
        assertEquals(15, plan.users());
        assertEquals(Duration.ofMillis(2), plan.think());
        assertEquals(Duration.ofSeconds(3), plan.reloadEvery());
        assertEquals(Duration.ofSeconds(5), plan.sampleEvery());
        assertEquals(Duration.ofSeconds(100), plan.warmUp());
        assertEquals("256m", plan.xmx());
        assertEquals(50, plan.plannedCycles());
        assertEquals(30, plan.plannedSamples());
        assertTrue(plan.reloadTemplateCache());
        assertTrue(plan.reloadKinds().contains(HotReload.Kind.CONFIG_TEMPLATE_CACHE));
        assertEquals(new SoakLimits(2048, 4, 4, 4, 100, 1), plan.limits());
    }

    @Test
    void aLongSoakWarmsUpForAQuarterOfItsLengthAndPastTheClearingOfTheSoftReferencesOfItsStart() {
        SoakPlan plan = Soaks.plan("soak.minutes", "15");
        assertEquals(Duration.ofMinutes(15), plan.length());
        // a quarter would be 225 s; the soft references are cleared about 256 s in (1 s per free MB of a 256 MB heap)
        assertEquals(Duration.ofSeconds(286), plan.warmUp());
        assertEquals(128, plan.limits().heapSlopeKbPerMinute(), "its slope is known more precisely: held to a tighter limit");
        assertEquals(Duration.ofMinutes(10), Soaks.plan("soak.minutes", "40").warmUp());
        assertEquals(Duration.ofSeconds(100), Soaks.plan("soak.minutes", "5").warmUp(), "too short to see it");
        assertEquals(Duration.ofSeconds(225), Soaks.plan("soak.minutes", "15", "soak.xmx", "128m").warmUp(), "cleared sooner: the quarter is longer");
    }

    @Test
    void everySettingHasItsProperty() {
        SoakPlan plan = Soaks.plan("soak.minutes", "5", "soak.users", "8", "soak.reload.seconds", "1.5", "soak.sample.seconds", "10",
                "soak.xmx", "128m",
                "soak.reload.template.cache", "false", "soak.max.heap.slope.kb", "64", "soak.max.thread.growth", "0");
        assertEquals(8, plan.users());
        assertEquals(Duration.ofMillis(1500), plan.reloadEvery());
        assertEquals(Duration.ofSeconds(10), plan.sampleEvery());
        assertEquals("128m", plan.xmx());
        assertFalse(plan.reloadKinds().contains(HotReload.Kind.CONFIG_TEMPLATE_CACHE));
        assertEquals(64, plan.limits().heapSlopeKbPerMinute());
        assertEquals(0, plan.limits().threads());
    }

    @Test
    void aMavenPropertyLeftUnsetTakesTheDefault() {
        assertEquals(Duration.ofSeconds(150), Soaks.plan("soak.minutes", "${soak.minutes}").length());
        assertEquals(Duration.ofSeconds(150), Soaks.plan("soak.minutes", " ").length());
    }

    @Test
    void aSoakTooShortToJudgeAfterItsWarmUpIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Soaks.plan("soak.minutes", "2"));
        assertTrue(e.getMessage().contains("leaves too little after its warm-up of 100 s"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Soaks.plan("soak.minutes", "two"));
    }
}
