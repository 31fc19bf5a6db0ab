package io.memtune.template.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;

import io.memtune.api.metrics.MetricNames;
import io.memtune.api.metrics.RecentBucketReservoir;
import io.memtune.api.template.CacheTier;
import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateFootprint;
import io.memtune.api.template.TemplateService;

/**
 * The template service's own metrics in the shared registry: sizes of rendered pages, failures by kind, the
 * cache tiers (with their reloads: what a memory tier below the working set costs), and what the service holds in
 * the heap per part with the pages and tenants it holds it for. Render time per tenant is {@link TenantMetricsComponent}'s (its own budget and configuration).
 * Removed again when the registry goes away or the service stops.
 */
final class TemplateMetrics implements AutoCloseable {

    static final String PREFIX = MetricRegistry.name("memtune", "template");
    private static final String FAILURES = MetricRegistry.name(PREFIX, "failures");
    private static final String OUTPUT = MetricRegistry.name(PREFIX, "output", "chars");
    private static final String HEAP = MetricRegistry.name(PREFIX, "heap", "bytes");
    static final List<String> FOOTPRINT_PARTS = List.of("page-keys", "tenant-index", "memory-tier", TemplateFootprint.COMPILED,
            "disk-index", "file-states", "directory-states", "tenant-metrics");
    static final long FOOTPRINT_EVERY_MS = 10_000;
    /** The largest page size told apart; larger ones count as this (2 G characters). */
    private static final long LARGEST_PAGE = Integer.MAX_VALUE;

    private final MetricRegistry registry;
    private final List<String> registered = new ArrayList<>();
    /** Names built once: a failure does not build strings. */
    private final Map<TemplateException.Kind, String> failureNames = new EnumMap<>(TemplateException.Kind.class);
    /**
     * Sizes of rendered pages, the last minute (what buffers, Jetty's and the execution's, must hold): every request
     * updates it, so its counters are striped by thread.
     */
    private final Histogram outputChars = new Histogram(RecentBucketReservoir.builder().range(1, LARGEST_PAGE)
            .stripesPerProcessor().build());

    TemplateMetrics(MetricRegistry registry, TemplateService templates) {
        this.registry = registry;
        register(OUTPUT, outputChars);
        cacheGauge("entries", templates, CacheTier::entries);
        cacheGauge("bytes", templates, CacheTier::estimatedBytes);
        cacheGauge("budget.bytes", templates, CacheTier::maxBytes);
        cacheGauge("hits", templates, CacheTier::hits);
        cacheGauge("misses", templates, CacheTier::misses);
        cacheGauge("evictions", templates, CacheTier::evictions);
        cacheGauge("reloads", templates, CacheTier::reloads);
        cacheGauge("rejected", templates, CacheTier::rejected);
        footprintGauges(templates);
        for (TemplateException.Kind kind : TemplateException.Kind.values()) {
            failureNames.put(kind, MetricNames.labeled(FAILURES, "kind", kind.name().toLowerCase()));
        }
    }

    private void register(String name, Metric metric) {
        registry.remove(name);
        registry.register(name, metric);
        registered.add(name);
    }

    private void cacheGauge(String what, TemplateService templates, ToLongFunction<CacheTier> value) {
        for (String tier : List.of("memory", "disk")) {
            register(MetricNames.labeled(MetricRegistry.name(PREFIX, "cache", what), "tier", tier),
                    (Gauge<Long>) () -> templates.cacheTiers().stream().filter(t -> t.name().equals(tier))
                            .mapToLong(value).sum());
        }
    }

    /**
     * What the service holds per part ({@code memtune.template.heap.bytes{part=...}}), with the page and tenant counts
     * it is held for: the footprint walks the page index, so it is computed at most once per
     * {@link #FOOTPRINT_EVERY_MS} however many gauges and readers ask.
     */
    private void footprintGauges(TemplateService templates) {
        Supplier<TemplateFootprint> footprint = new Supplier<>() {
            private volatile TemplateFootprint last;
            private volatile long lastAt;

            @Override
            public TemplateFootprint get() {
                long now = System.currentTimeMillis();
                TemplateFootprint f = last;
                if (f == null || now - lastAt >= FOOTPRINT_EVERY_MS) {
                    f = templates.footprint();
                    last = f;
                    lastAt = now;
                }
                return f;
            }
        };
        for (String part : FOOTPRINT_PARTS) {
            register(MetricNames.labeled(HEAP, "part", part), (Gauge<Long>) () -> {
                TemplateFootprint f = footprint.get();
                return f == null ? 0 : f.bytes(part);
            });
        }
        register(MetricRegistry.name(PREFIX, "pages"), (Gauge<Long>) () -> {
            TemplateFootprint f = footprint.get();
            return f == null ? 0 : f.pages();
        });
        register(MetricRegistry.name(PREFIX, "tenants", "known"), (Gauge<Long>) () -> {
            TemplateFootprint f = footprint.get();
            return f == null ? 0 : f.tenants();
        });
    }

    /** A successful render's output. */
    void rendered(long chars) {
        outputChars.update(chars);
    }

    void failed(TemplateException.Kind kind) {
        registry.meter(failureNames.get(kind)).mark();
    }

    /** Removes what this registered (not the per-tenant render timers: their component removes those). */
    @Override
    public void close() {
        registered.forEach(registry::remove);
        failureNames.values().forEach(registry::remove);
    }
}
