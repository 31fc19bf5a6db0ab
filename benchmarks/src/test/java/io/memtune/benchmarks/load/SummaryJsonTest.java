package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class SummaryJsonTest {

    private static JsonNode summary() throws Exception {
        ObjectMapper json = new ObjectMapper();
        // through text and back: what tools read is the file, so it must be valid JSON (no NaN)
        return json.readTree(json.writeValueAsString(SummaryJson.of(Reports.report())));
    }

    @Test
    void theSummaryHasEveryScenarioInOrderWithTheRunAndItsPlan() throws Exception {
        JsonNode s = summary();
        List<String> keys = new java.util.ArrayList<>();
        s.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("generated", "quick", "machine", "plan", "corpus", "flags", "settings", "calibration", "cpu_headroom",
                "memory_bound", "overload"), keys);
        assertTrue(s.get("quick").asBoolean());
        assertEquals("2026-11-27", s.get("generated").asText());
        assertEquals(2, s.at("/machine/cores").asInt());
    }

    @Test
    void bothSidesListEveryFlagAndOnlyTheModeDiffers() throws Exception {
        JsonNode s = summary();
        assertEquals(s.at("/flags/baseline"), s.at("/flags/optimized"));
        assertEquals("-XX:+UseStringDeduplication", s.at("/flags/baseline/jvm_options/1").asText());
        assertEquals("-Xmx256m", s.at("/flags/baseline/added/0").asText());
        assertEquals("-Xmx72m", s.at("/flags/baseline/added_memory_bound/0").asText());
        assertEquals(1000, s.at("/settings/executor_cpu_headroom_and_memory_bound/queue.interactive").asInt());
        assertEquals("io.memtune.template/mode", s.at("/settings/only_difference").asText());
    }

    @Test
    void headroomRatiosAreAgainstBaselineAtN1AndCarryTheirVerdicts() throws Exception {
        JsonNode h = summary().get("cpu_headroom");
        assertEquals(10, summary().at("/calibration/n1").asInt());
        assertEquals(3, summary().at("/calibration/probes").size());
        assertEquals(6, h.get("runs").size());
        assertEquals(1.1, h.get("optimized_p99_2n1_vs_baseline_p99_n1").asDouble(), 1e-9); // 5.5 / 5.0
        assertTrue(h.get("met_2n1").asBoolean());
        assertEquals(1.6, h.get("optimized_p99_4n1_vs_baseline_p99_n1").asDouble(), 1e-9); // 8.0 / 5.0
        assertFalse(h.get("met_4n1").asBoolean());
        assertEquals(0.5, h.get("heap_after_gc_n1_optimized_vs_baseline").asDouble(), 1e-9);
        assertEquals(0.99, h.at("/runs/4/success").asDouble(), 1e-9);
    }

    @Test
    void memoryBoundReportsTheCapItsProbesAndFullGcsPerRun() throws Exception {
        JsonNode m = summary().get("memory_bound");
        assertEquals(72, m.get("cap_mb").asInt());
        assertEquals(3, m.get("cap_probes").size());
        assertEquals(20, m.get("users").asInt());
        assertEquals(7, m.at("/runs/0/full_gcs").asInt());
        assertEquals(2000, m.at("/runs/0/by_status/200").asInt());
        assertEquals(8000, m.at("/runs/0/by_status/503").asInt());
        assertTrue(m.get("optimized_met").asBoolean());
    }

    @Test
    void overloadGivesRatiosPerModeAndAnUnmeasuredFigureIsNull() throws Exception {
        JsonNode o = summary().get("overload");
        assertEquals(8000, o.get("overload_rate").asDouble());
        JsonNode baseline = o.at("/modes/0");
        JsonNode optimized = o.at("/modes/1");
        assertEquals(0.96, optimized.get("goodput_vs_peak").asDouble(), 1e-9); // 4800 / 5000
        assertEquals(1.5, optimized.get("admitted_p99_vs_unloaded").asDouble(), 1e-9); // 6 / 4
        assertEquals(3.0, optimized.get("recovery_s").asDouble());
        assertTrue(optimized.get("met").asBoolean());
        assertTrue(baseline.get("recovery_s").isNull(), "never recovered: null, not NaN");
        assertTrue(baseline.at("/phases/0/refused_p99_ms").isNull(), "nothing refused: null");
        assertFalse(baseline.get("met").asBoolean());
        assertEquals(3, baseline.get("phases").size());
    }
}
