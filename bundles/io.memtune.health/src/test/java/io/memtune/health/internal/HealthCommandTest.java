package io.memtune.health.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

import io.memtune.health.core.HealthReport;

class HealthCommandTest {

    @Test
    void formatsTheProbeItsHttpCodeAndEveryCheckWithItsMessages() {
        HealthReport report = new HealthReport("ready", Result.Status.CRITICAL, List.of(
                new HealthReport.Check("not draining", Result.Status.CRITICAL, List.of("systemready"), 1,
                        List.of(new HealthReport.Message(Result.Status.CRITICAL, "draining for 12 ms")))
                , new HealthReport.Check("memtune started", Result.Status.OK, List.of("systemready"), 2,
                        List.of(new HealthReport.Message(Result.Status.OK, "54 bundles active"),
                                new HealthReport.Message(Result.Status.OK, "second line")))));
        String text = HealthCommand.format(report);
        String[] lines = text.split("\n");
        assertEquals("ready: CRITICAL (HTTP 503)", lines[0]);
        assertTrue(lines[1].contains("CRITICAL") && lines[1].contains("not draining") && lines[1].contains("draining for 12 ms")
                && lines[1].endsWith("[systemready]"), lines[1]);
        assertTrue(lines[3].trim().equals("second line"), lines[3]);
    }

    @Test
    void anUnknownProbeIsRefusedNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HealthCommand().health("readyz"));
        assertTrue(e.getMessage().contains("'readyz'") && e.getMessage().contains("live, ready or all"), e.getMessage());
    }

    @Test
    void anUnhealthyProbeFailsTheCommandWithTheReport() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new HealthCommand().health("ready"));
        assertTrue(e.getMessage().startsWith("ready: CRITICAL (HTTP 503)"), e.getMessage());
    }
}
