package io.memtune.health.core;

import static io.memtune.health.core.FakeResults.log;
import static io.memtune.health.core.FakeResults.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.junit.jupiter.api.Test;

class ProbesTest {

    /** Records what it was asked and answers with the results given. */
    private static final class RecordingExecutor implements HealthCheckExecutor {
        final List<HealthCheckSelector> selectors = new ArrayList<>();
        final List<HealthCheckExecutionOptions> options = new ArrayList<>();
        final List<HealthCheckExecutionResult> answer;

        RecordingExecutor(List<HealthCheckExecutionResult> answer) {
            this.answer = answer;
        }

        @Override
        public List<HealthCheckExecutionResult> execute(HealthCheckSelector selector) {
            return execute(selector, new HealthCheckExecutionOptions());
        }

        @Override
        public List<HealthCheckExecutionResult> execute(HealthCheckSelector selector, HealthCheckExecutionOptions o) {
            selectors.add(selector);
            options.add(o);
            return answer;
        }
    }

    @Test
    void runsTheChecksOfTheProbesTagNeverFromTheCache() {
        RecordingExecutor executor = new RecordingExecutor(List.of(result("not draining", new String[] {"systemready"},
                log(Result.Status.CRITICAL, "draining"))));
        HealthReport report = Probes.run(executor, Probe.READY);
        assertEquals(List.of("systemready"), List.of(executor.selectors.get(0).tags()));
        assertTrue(executor.options.get(0).isForceInstantExecution(), "a cached result would hide a drain for seconds");
        assertEquals(Result.Status.CRITICAL, report.status());
    }

    @Test
    void withoutTheExecutorLivenessWarnsAndReadinessFails() {
        HealthReport live = Probes.run(null, Probe.LIVE);
        HealthReport ready = Probes.run(null, Probe.READY);
        assertTrue(live.healthy());
        assertEquals(Result.Status.WARN, live.status());
        assertFalse(ready.healthy());
        assertTrue(ready.checks().get(0).messages().get(0).text().contains("org.apache.felix.healthcheck.core"));
    }

    @Test
    void readinessWithoutAnyCheckFails() {
        HealthReport ready = Probes.run(new RecordingExecutor(List.of()), Probe.READY);
        assertFalse(ready.healthy());
        assertTrue(ready.checks().get(0).messages().get(0).text().contains("no health check tagged 'systemready'"));
        assertTrue(Probes.run(new RecordingExecutor(List.of()), Probe.LIVE).healthy(), "the container answered");
    }
}
