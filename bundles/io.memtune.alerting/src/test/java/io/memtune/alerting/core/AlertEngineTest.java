package io.memtune.alerting.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.memtune.api.alert.AlertState;

class AlertEngineTest {

    private static final Rule HEAP = new Rule("heap", "memtune.heap", Rule.Condition.ABOVE, 0.85, 0.80, 60_000, 30_000, 60_000,
            "critical", Map.of(), "heap {{value}}", "none");

    private static AlertState state(AlertEngine engine) {
        return engine.records().iterator().next().state();
    }

    private static List<AlertEngine.Transition> at(AlertEngine engine, double value, long now) {
        return engine.evaluate(HEAP, Map.of("memtune.heap", value), now);
    }

    @Test
    void firesOnlyAfterTheConditionHeldForItsDuration() {
        AlertEngine engine = new AlertEngine();
        assertTrue(at(engine, 0.9, 0).isEmpty());
        assertEquals(AlertState.PENDING, state(engine));
        assertTrue(at(engine, 0.9, 59_999).isEmpty());
        List<AlertEngine.Transition> t = at(engine, 0.9, 60_000);
        assertEquals(AlertState.FIRING, t.get(0).alert().state());
        assertEquals(AlertState.PENDING, t.get(0).previous());
    }

    @Test
    void aPendingAlertWhoseConditionStopsGoesBackToInactiveSilently() {
        AlertEngine engine = new AlertEngine();
        at(engine, 0.9, 0);
        assertTrue(at(engine, 0.5, 10_000).isEmpty());
        assertEquals(AlertState.INACTIVE, state(engine));
    }

    @Test
    void hysteresisAndKeepFiringForPreventFlapping() {
        AlertEngine engine = new AlertEngine();
        at(engine, 0.9, 0);
        at(engine, 0.9, 60_000);
        assertTrue(at(engine, 0.82, 70_000).isEmpty(), "below the threshold but above the clear threshold: still firing");
        assertEquals(AlertState.FIRING, state(engine));
        assertTrue(at(engine, 0.7, 80_000).isEmpty(), "cleared, but keep firing for 30 s");
        assertTrue(at(engine, 0.9, 90_000).isEmpty(), "back up: the clearing restarts");
        at(engine, 0.7, 100_000);
        List<AlertEngine.Transition> t = at(engine, 0.7, 130_000);
        assertEquals(AlertState.RESOLVED, t.get(0).alert().state());
        assertEquals(130_000, t.get(0).alert().resolvedAt());
    }

    @Test
    void aRestoredFiringAlertStaysFiring() {
        AlertEngine engine = new AlertEngine();
        engine.restore(List.of(new AlertRecord("heap", "memtune.heap", AlertState.FIRING, 0.9, 0, 60_000, 0, 0)));
        assertTrue(at(engine, 0.9, 200_000).isEmpty(), "no new transition: it was firing already");
        assertEquals(AlertState.FIRING, state(engine));
    }

    @Test
    void eachSeriesOfAFamilyIsItsOwnAlert() {
        AlertEngine engine = new AlertEngine();
        Rule waiters = new Rule("waiters", "memtune.pool.waiters*", Rule.Condition.ABOVE, 0, 0, 0, 0, 60_000, "warning",
                Map.of(), "{{series}}", "none");
        List<AlertEngine.Transition> t = engine.evaluate(waiters,
                Map.of("memtune.pool.waiters{pool=a}", 3.0, "memtune.pool.waiters{pool=b}", 0.0), 0);
        assertEquals(1, t.size());
        assertEquals("memtune.pool.waiters{pool=a}", t.get(0).alert().series());
    }
}
