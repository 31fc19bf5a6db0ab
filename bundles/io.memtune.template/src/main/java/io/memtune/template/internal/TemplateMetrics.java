package io.memtune.template.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

import io.memtune.api.metrics.MetricNames;
import io.memtune.api.metrics.RecentReservoir;
import io.memtune.api.template.CacheTier;
import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateService;

/**
 * The template service's metrics in the shared registry: render time per tenant (the last minute, so percentiles
 * follow the load down, and at most a fixed number of renders, so their memory does not grow with the rate),
 * failures by kind, and the cache tiers. Removed again when
 * the registry goes away or the service stops.
 */
final class TemplateMetrics implements AutoCloseable {

    static final String PREFIX = MetricRegistry.name("memtune", "template");
    private static final String RENDER = MetricRegistry.name(PREFIX, "render");
    private static final String FAILURES = MetricRegistry.name(PREFIX, "failures");

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int RECENT_PAGES = 1024;
    /** Fewer per tenant: a container may serve thousands of tenants, each with a histogram of its own. */
    private static final int RECENT_RENDERS_PER_TENANT = 256;

    private final MetricRegistry registry;
    private static final String OUTPUT = MetricRegistry.name(PREFIX, "output", "chars");

    private final Map<String, Timer> renderTimers = new ConcurrentHashMap<>();
    /** Sizes of rendered pages, the last minute: what buffers (Jetty's, the execution's) must hold. */
    private final Histogram outputChars;

    TemplateMetrics(MetricRegistry registry, TemplateService templates) {
        this.registry = registry;
        this.outputChars = registry.histogram(OUTPUT, () -> new Histogram(new RecentReservoir(RECENT_PAGES, WINDOW)));
        cacheGauge("entries", templates, CacheTier::entries);
        cacheGauge("bytes", templates, CacheTier::estimatedBytes);
        cacheGauge("budget.bytes", templates, CacheTier::maxBytes);
        cacheGauge("hits", templates, CacheTier::hits);
        cacheGauge("misses", templates, CacheTier::misses);
        cacheGauge("evictions", templates, CacheTier::evictions);
    }

    private void cacheGauge(String what, TemplateService templates, ToLongFunction<CacheTier> value) {
        for (String tier : List.of("memory", "disk")) {
            registry.register(MetricNames.labeled(MetricRegistry.name(PREFIX, "cache", what), "tier", tier),
                    (Gauge<Long>) () -> templates.cacheTiers().stream().filter(t -> t.name().equals(tier))
                            .mapToLong(value).sum());
        }
    }

    /** A successful render (only known tenants reach here, so the label set stays bounded by the repository). */
    void rendered(String tenant, long nanos, long chars) {
        outputChars.update(chars);
        renderTimers.computeIfAbsent(tenant, t -> registry.timer(MetricNames.labeled(RENDER, "tenant", t),
                () -> new Timer(new RecentReservoir(RECENT_RENDERS_PER_TENANT, WINDOW))))
                .update(nanos, TimeUnit.NANOSECONDS);
    }

    void failed(TemplateException.Kind kind) {
        registry.meter(MetricNames.labeled(FAILURES, "kind", kind.name().toLowerCase())).mark();
    }

    @Override
    public void close() {
        registry.removeMatching((name, metric) -> name.startsWith(PREFIX + ".") || name.startsWith(PREFIX + "{"));
    }
}
