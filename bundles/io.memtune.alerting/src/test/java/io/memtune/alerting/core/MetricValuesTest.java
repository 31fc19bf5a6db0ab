package io.memtune.alerting.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;

class MetricValuesTest {

    @Test
    void rateIsTheIncreasePerSecondOverTheWindow() {
        MetricRegistry registry = new MetricRegistry();
        Counter rejected = registry.counter("memtune.concurrency.rejected{executor=render}");
        Rule rule = new Rule("r", "memtune.concurrency.rejected*", Rule.Condition.RATE_ABOVE, 1, 0, 0, 0, 10_000, "warning",
                Map.of(), "", "none");
        MetricValues values = new MetricValues();
        values.read(rule, registry, 0);
        rejected.inc(50);
        Map<String, Double> after5s = values.read(rule, registry, 5_000);
        assertEquals(10.0, after5s.get("memtune.concurrency.rejected{executor=render}"), 1e-9);
    }

    @Test
    void anAbsentMetricIsNaNSoTheConditionDoesNotHold() {
        Rule rule = new Rule("r", "memtune.none", Rule.Condition.ABOVE, 1, 1, 0, 0, 1, "warning", Map.of(), "", "none");
        double v = new MetricValues().read(rule, new MetricRegistry(), 0).get("memtune.none");
        assertTrue(Double.isNaN(v));
        assertTrue(!rule.holds(v));
    }
}
