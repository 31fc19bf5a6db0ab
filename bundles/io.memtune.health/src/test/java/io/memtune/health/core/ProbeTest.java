package io.memtune.health.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ProbeTest {

    @Test
    void namesAPathInfoOrAShellArgumentToItsProbeAndFelixTag() {
        assertEquals(Optional.of(Probe.LIVE), Probe.named("/live"));
        assertEquals(Optional.of(Probe.READY), Probe.named("ready"));
        assertEquals(Optional.of(Probe.ALL), Probe.named(null));
        assertEquals(Optional.of(Probe.ALL), Probe.named("/"));
        assertEquals(Optional.of(Probe.ALL), Probe.named("all"));
        assertEquals("systemalive", Probe.LIVE.tag());
        assertEquals("systemready", Probe.READY.tag());
    }

    @Test
    void anUnknownProbeIsNone() {
        assertTrue(Probe.named("/readyz").isEmpty());
        assertTrue(Probe.named("/ready/x").isEmpty());
    }
}
