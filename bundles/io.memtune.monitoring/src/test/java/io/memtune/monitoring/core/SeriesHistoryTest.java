package io.memtune.monitoring.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;

import io.memtune.api.metrics.MetricHistory.Sample;

class SeriesHistoryTest {

    @Test
    void keepsTheLastCapacitySamplesOfMatchingSeriesOldestFirst() {
        MetricRegistry registry = new MetricRegistry();
        AtomicLong heap = new AtomicLong();
        registry.register("memtune.jvm.heap.used", (Gauge<Long>) heap::get);
        registry.register("memtune.other", (Gauge<Long>) () -> 1L);
        registry.timer("memtune.template.render{tenant=a}").update(5, TimeUnit.MILLISECONDS);
        SeriesHistory history = new SeriesHistory(List.of("memtune.jvm.heap.used", "memtune.template.render*"), 3,
                Duration.ofSeconds(1));
        for (int i = 1; i <= 5; i++) {
            heap.set(i * 100);
            history.record(registry, i * 1000L);
        }
        assertEquals(List.of("memtune.jvm.heap.used", "memtune.template.render{tenant=a}"), history.seriesNames());
        assertEquals(List.of(new Sample(3000, 300), new Sample(4000, 400), new Sample(5000, 500)),
                history.samples("memtune.jvm.heap.used"));
        assertEquals(5.0, history.samples("memtune.template.render{tenant=a}").get(0).value(), 0.01, "p99 in ms");
        assertEquals(List.of(), history.samples("memtune.other"));
    }

    @Test
    void dropsTheSeriesOfAMetricThatLeftTheRegistry() {
        MetricRegistry registry = new MetricRegistry();
        registry.timer("memtune.template.render{tenant=a}").update(5, TimeUnit.MILLISECONDS);
        registry.timer("memtune.template.render{tenant=b}").update(5, TimeUnit.MILLISECONDS);
        SeriesHistory history = new SeriesHistory(List.of("memtune.template.render*"), 3, Duration.ofSeconds(1));
        history.record(registry, 1000L);
        registry.remove("memtune.template.render{tenant=a}");
        history.record(registry, 2000L);
        assertEquals(List.of("memtune.template.render{tenant=b}"), history.seriesNames());
        assertEquals(List.of(), history.samples("memtune.template.render{tenant=a}"));
    }
}
