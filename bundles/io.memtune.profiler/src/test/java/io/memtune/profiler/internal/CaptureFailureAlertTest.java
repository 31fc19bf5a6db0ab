package io.memtune.profiler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.codahale.metrics.MetricRegistry;

import io.memtune.alerting.core.AlertEngine;
import io.memtune.alerting.core.MetricValues;
import io.memtune.alerting.core.Rule;
import io.memtune.alerting.core.RuleSets;
import io.memtune.api.alert.AlertState;
import io.memtune.api.profiler.ProfileKind;

/**
 * The profiler's failure counter and the alerting bundle's rule that watches it, together: each names the
 * series on its own side, and only this test sees whether the names still meet.
 */
class CaptureFailureAlertTest {

    @TempDir
    Path dir;

    private MemoryProfilerComponent profiler;

    @AfterEach
    void stop() {
        if (profiler != null) {
            profiler.stop();
        }
    }

    @Test
    void aFailedCaptureFiresTheProfilerCaptureFailuresAlertWhichResolvesWhenCapturesStopFailing() throws IOException {
        Rule rule = RuleSets.named("profiler").stream().filter(r -> r.name().equals("profiler-capture-failures"))
                .findFirst().orElseThrow(() -> new AssertionError("no rule profiler-capture-failures in the profiler set"));
        profiler = MemoryProfilerComponentTest.failingProfiler(dir, Map.of());
        MetricRegistry registry = new MetricRegistry();
        profiler.bindMetrics(registry);
        AlertEngine engine = new AlertEngine();
        MetricValues values = new MetricValues();

        assertEquals(List.of(), evaluate(rule, engine, values, registry, 0), "nothing failed yet");
        assertThrows(IOException.class, () -> profiler.capture(ProfileKind.HISTOGRAM, "manual"));
        List<AlertEngine.Transition> fired = evaluate(rule, engine, values, registry, 5_000);
        assertEquals(1, fired.size());
        assertEquals(AlertState.FIRING, fired.get(0).alert().state());
        assertTrue(evaluate(rule, engine, values, registry, 30_000).isEmpty(), "still firing within the window");
        List<AlertEngine.Transition> resolved = evaluate(rule, engine, values, registry, 5_000 + rule.windowMillis() * 2);
        assertEquals(AlertState.RESOLVED, resolved.get(0).alert().state(), "no failure for a whole window");
    }

    private static List<AlertEngine.Transition> evaluate(Rule rule, AlertEngine engine, MetricValues values,
            MetricRegistry registry, long now) {
        return engine.evaluate(rule, values.read(rule, registry, now), now);
    }
}
