package io.memtune.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsTheSeriesOfAnAggregatedRateLeavingOutFunctionsLabelsAndDurations() {
        assertEquals(Set.of("memtune_concurrency_completed"), PromQl.metricNames(
                "sum by (instance) (rate(memtune_concurrency_completed{executor=\"render\",instance=~\"$instance\"}[$__rate_interval]))"));
    }

    @Test
    void findsBothSidesOfABinaryOperationAndNothingOfAVectorMatching() {
        assertEquals(Set.of("memtune_jvm_heap_used_after_gc", "memtune_jvm_memory_heap_max"), PromQl.metricNames(
                "memtune_jvm_heap_used_after_gc / on (instance) group_left (job) memtune_jvm_memory_heap_max > bool 0.9"));
        assertEquals(Set.of("a_total"), PromQl.metricNames("sum(rate(a_total[5m] offset 1h)) without (pod) > 1e3"));
    }

    @Test
    void keepsRecordingRuleNamesAndUp() {
        assertEquals(Set.of("up", "memtune:renders:rate1m"), PromQl.metricNames(
                "sum(up{job=\"memtune\"}) < 2 or memtune:renders:rate1m > 0"));
    }

    @Test
    void ignoresWhatStringsAndGrafanaVariablesSay() {
        assertEquals(Set.of("x"), PromQl.metricNames("label_replace(x, \"dst\", \"$1 by (y)\", \"src\", \"(.*)\") * ${factor}"));
    }

    @Test
    void refusesAnUnbalancedExpression() {
        assertThrows(IllegalArgumentException.class, () -> PromQl.metricNames("rate(x{a=\"b\"[5m])"));
    }
}
