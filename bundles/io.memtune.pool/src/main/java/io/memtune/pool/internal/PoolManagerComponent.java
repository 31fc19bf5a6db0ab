package io.memtune.pool.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;

import io.memtune.api.metrics.MetricNames;
import io.memtune.api.pool.ObjectPool;
import io.memtune.api.pool.PoolManager;
import io.memtune.api.pool.PoolStatistics;
import io.memtune.api.pool.ResourceFactory;
import io.memtune.pool.core.CommonsObjectPool;
import io.memtune.pool.core.PoolHandle;
import io.memtune.pool.core.PoolScaler;

/**
 * Every pool by name: the object pools it creates for other bundles and the pools configured as
 * components of this bundle (buffers, JDBC, HTTP). Once a second it lets each scalable pool's
 * {@link PoolScaler} move its maximum within its band.
 */
@Component(service = PoolManager.class, immediate = true, configurationPid = PoolManagerComponent.PID)
@Designate(ocd = PoolManagerComponent.Config.class)
public final class PoolManagerComponent implements PoolManager {

    static final String PID = "io.memtune.pool";

    @ObjectClassDefinition(name = "memtune pool manager", description = "How pools scale.")
    public @interface Config {
        @AttributeDefinition(name = "Low utilization", description = "Below this (lent / maximum) a pool shrinks.", min = "0", max = "1")
        double scale_low() default 0.3;

        @AttributeDefinition(name = "High utilization", description = "Above this a pool grows.", min = "0", max = "1")
        double scale_high() default 0.8;

        @AttributeDefinition(name = "Window (ms)", description = "How long utilization must stay outside the band.", min = "0")
        long scale_window_ms() default 10_000;

        @AttributeDefinition(name = "Cool-down (ms)", description = "The least time between two changes of a pool.", min = "0")
        long scale_cooldown_ms() default 30_000;

        @AttributeDefinition(name = "Step", description = "How much a maximum moves at a time.", min = "1")
        int scale_step() default 2;
    }

    private static final Logger LOG = LoggerFactory.getLogger(PoolManagerComponent.class);

    private final Config config;
    private final Map<String, CommonsObjectPool<?>> objectPools = new ConcurrentHashMap<>();
    private final Map<String, PoolScaler> scalers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scaling;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    final List<PoolHandle> configuredPools = new CopyOnWriteArrayList<>(); // package-private: the embedded module adds to it

    private final Map<String, ObjectPoolSettings> settings = new ConcurrentHashMap<>();

    @Activate
    public PoolManagerComponent(Config config) {
        this.config = config;
        this.scaling = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "memtune-pool-scaling");
            t.setDaemon(true); // never holds the JVM up
            return t;
        });
        scaling.scheduleWithFixedDelay(this::scale, 1, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        scaling.shutdownNow();
        objectPools.values().forEach(CommonsObjectPool::close);
        unbindMetrics(null);
    }

    private volatile MetricRegistry metrics;
    private final java.util.Set<String> measured = ConcurrentHashMap.newKeySet();

    /**
     * Optional: gauges per pool, {@code memtune.pool.<what>{pool=name}}, kept in step with the pools as they
     * come and go (once a second, with scaling).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindMetrics")
    void bindMetrics(MetricRegistry registry) {
        metrics = registry;
        syncMetrics();
    }

    void unbindMetrics(MetricRegistry registry) {
        MetricRegistry r = registry != null ? registry : metrics;
        metrics = null;
        measured.clear();
        if (r != null) {
            r.removeMatching((n, m) -> n.startsWith("memtune.pool."));
        }
    }

    private void syncMetrics() {
        MetricRegistry registry = metrics;
        if (registry == null) {
            return;
        }
        java.util.Set<String> names = new java.util.HashSet<>(handles().map(PoolHandle::name).toList());
        for (String pool : names) {
            if (measured.add(pool)) {
                gauge(registry, pool, "size", PoolStatistics::size);
                gauge(registry, pool, "active", PoolStatistics::active);
                gauge(registry, pool, "idle", PoolStatistics::idle);
                gauge(registry, pool, "waiters", PoolStatistics::waiters);
                gauge(registry, pool, "max", PoolStatistics::max);
                gauge(registry, pool, "timeouts", PoolStatistics::timeouts);
                gauge(registry, pool, "wait.p99.ms", PoolStatistics::waitP99Millis);
            }
        }
        for (String gone : new java.util.ArrayList<>(measured)) {
            if (!names.contains(gone)) {
                measured.remove(gone);
                String label = "pool=" + gone + "}";
                registry.removeMatching((n, m) -> n.startsWith("memtune.pool.") && n.endsWith(label));
            }
        }
    }

    private void gauge(MetricRegistry registry, String pool, String what, java.util.function.ToDoubleFunction<PoolStatistics> value) {
        registry.register(MetricNames.labeled(MetricRegistry.name("memtune", "pool", what), "pool", pool),
                (Gauge<Double>) () -> statistics(pool).map(value::applyAsDouble).orElse(0.0));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "unbindSettings", updated = "bindSettings")
    void bindSettings(ObjectPoolSettings s) {
        settings.put(s.name(), s);
        CommonsObjectPool<?> pool = objectPools.get(s.name());
        if (pool != null) {
            pool.resize(s.settings().min(), s.settings().max());
            LOG.info("pool '{}' resized by its configuration to {}..{}", s.name(), s.settings().min(), s.settings().max());
        }
    }

    void unbindSettings(ObjectPoolSettings s) {
        settings.remove(s.name(), s);
    }

    @Override
    public <T> ObjectPool<T> createObjectPool(String name, ResourceFactory<T> factory) {
        ObjectPoolSettings configured = settings.get(name);
        CommonsObjectPool.Settings s = configured == null ? ObjectPoolSettings.defaults() : configured.settings();
        CommonsObjectPool<T> pool = new CommonsObjectPool<>(name, factory, s, LOG::warn);
        if (objectPools.putIfAbsent(name, pool) != null || configuredPools.stream().anyMatch(h -> h.name().equals(name))) {
            pool.close();
            throw new IllegalArgumentException("a pool named '" + name + "' exists already");
        }
        return new ClosingPool<>(pool, () -> objectPools.remove(name, pool));
    }

    private Stream<PoolHandle> handles() {
        return Stream.concat(objectPools.values().stream(), configuredPools.stream());
    }

    @Override
    public List<PoolStatistics> statistics() {
        return handles().map(PoolHandle::statistics).sorted(Comparator.comparing(PoolStatistics::name)).toList();
    }

    @Override
    public Optional<PoolStatistics> statistics(String name) {
        return handles().filter(h -> h.name().equals(name)).findFirst().map(PoolHandle::statistics);
    }

    @Override
    public void resize(String name, int min, int max) {
        handles().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pool '" + name + "' (see pools)"))
                .resize(min, max);
    }

    private void scale() {
        syncMetrics();
        long now = System.currentTimeMillis();
        handles().forEach(h -> {
            try {
                PoolHandle.ScalingBand band = h.band();
                if (band == null) {
                    return;
                }
                PoolStatistics s = h.statistics();
                PoolScaler scaler = scalers.computeIfAbsent(h.name(), n -> new PoolScaler(config.scale_low(),
                        config.scale_high(), config.scale_step(), config.scale_window_ms(), config.scale_cooldown_ms()));
                OptionalInt next = scaler.observe(s.utilization(), s.max(), band, now);
                if (next.isPresent()) {
                    h.resize(Math.min(s.min(), next.getAsInt()), next.getAsInt());
                    LOG.info("pool '{}' scaled to a maximum of {} (utilization {})", h.name(), next.getAsInt(),
                            String.format(java.util.Locale.ROOT, "%.2f", s.utilization()));
                }
            } catch (RuntimeException e) {
                LOG.warn("scaling pool '{}' failed: {}", h.name(), e.toString());
            }
        });
    }
}
