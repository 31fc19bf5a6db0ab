package io.memtune.dashboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

import io.memtune.api.metrics.MetricNames;

class RenderRatesTest {

    private final MetricRegistry registry = new MetricRegistry();
    private final RenderRates rates = new RenderRates(() -> registry, 100, 2_000);

    private Timer timer(String tenant) {
        return registry.timer(MetricNames.labeled("memtune.template.render", "tenant", tenant));
    }

    private static void render(Timer timer, int times) {
        for (int i = 0; i < times; i++) {
            timer.update(java.time.Duration.ofMillis(1));
        }
    }

    @Test
    void eachTenantsRendersPerSecondOverTheSmoothingWindow() {
        Timer acme = timer("acme");
        Timer other = timer("other");
        registry.counter("memtune.template.failures"); // not a render timer: ignored
        rates.sample(0);
        render(acme, 10);
        render(other, 4);
        rates.sample(1_000);
        render(acme, 30);
        rates.sample(2_000);
        rates.sample(3_000);
        Map<String, List<double[]>> series = rates.series();
        assertEquals(List.of("acme", "other"), List.copyOf(series.keySet()));
        List<double[]> a = series.get("acme");
        assertEquals(3, a.size(), "one point per sample after the first");
        assertEquals(10.0, a.get(0)[1], 1e-9, "the first second: 10 renders");
        assertEquals(20.0, a.get(1)[1], 1e-9, "two seconds, 40 renders");
        assertEquals(15.0, a.get(2)[1], 1e-9, "from 1 s to 3 s: 30 renders over the 2 s window");
        assertEquals(3_000.0, a.get(2)[0], 1e-9);
        assertEquals(4.0, series.get("other").get(0)[1], 1e-9);
    }

    @Test
    void aTimerThatBeginsAgainAfterARestartIsNotANegativeRate() {
        render(timer("acme"), 50);
        rates.sample(0);
        registry.remove(MetricNames.labeled("memtune.template.render", "tenant", "acme")); // the template bundle restarts
        render(timer("acme"), 6);
        rates.sample(1_000);
        assertEquals(6.0, rates.series().get("acme").get(0)[1], 1e-9);
    }

    @Test
    void onlyRenderTimersHaveATenant() {
        assertEquals("acme", RenderRates.tenant("memtune.template.render{tenant=acme}"));
        assertNull(RenderRates.tenant("memtune.template.failures{kind=compile}"));
        assertNull(RenderRates.tenant("memtune.template.render.other{tenant=acme}"));
    }

    @Test
    void withoutARegistryNothingIsSampled() {
        RenderRates none = new RenderRates(() -> null, 10, 1_000);
        none.sample(0);
        assertEquals(Map.of(), none.series());
    }
}
