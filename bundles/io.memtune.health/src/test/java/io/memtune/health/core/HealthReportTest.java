package io.memtune.health.core;

import static io.memtune.health.core.FakeResults.log;
import static io.memtune.health.core.FakeResults.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    @Test
    void theWorstCheckDecidesAndComesFirst() {
        HealthReport report = HealthReport.of(Probe.READY, List.of(
                result("a", new String[] {"systemready"}, log(Result.Status.OK, "fine")),
                result("b", new String[] {"systemready"}, log(Result.Status.CRITICAL, "draining")),
                result("c", new String[] {"systemready", "x"}, log(Result.Status.WARN, "no tenant"))));
        assertEquals(Result.Status.CRITICAL, report.status());
        assertFalse(report.healthy());
        assertEquals(List.of("b", "c", "a"), report.checks().stream().map(HealthReport.Check::name).toList());
        assertEquals(List.of("systemready", "x"), report.checks().get(1).tags());
        assertEquals("draining", report.checks().get(0).messages().get(0).text());
        assertEquals("ready", report.probe());
    }

    @Test
    void aWarningIsStillHealthyAsInFelix() {
        HealthReport report = HealthReport.of(Probe.LIVE, List.of(result("a", new String[] {"systemalive"},
                log(Result.Status.WARN, "disk 91 %"))));
        assertEquals(Result.Status.WARN, report.status());
        assertTrue(report.healthy());
        assertFalse(HealthReport.isHealthy(Result.Status.TEMPORARILY_UNAVAILABLE));
        assertFalse(HealthReport.isHealthy(Result.Status.HEALTH_CHECK_ERROR));
    }

    @Test
    void debugLinesAreLeftOut() {
        ResultLog lines = new ResultLog().add(new ResultLog.Entry("internal detail", true))
                .add(new ResultLog.Entry(Result.Status.OK, "what matters"));
        HealthReport report = HealthReport.of(Probe.ALL, List.of(result("a", new String[] {"t"}, lines)));
        assertEquals(List.of("what matters"), report.checks().get(0).messages().stream().map(HealthReport.Message::text).toList());
    }
}
