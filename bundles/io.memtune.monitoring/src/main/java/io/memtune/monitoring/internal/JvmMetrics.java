package io.memtune.monitoring.internal;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.MetricSet;
import com.codahale.metrics.jvm.BufferPoolMetricSet;
import com.codahale.metrics.jvm.CachedThreadStatesGaugeSet;
import com.codahale.metrics.jvm.ClassLoadingGaugeSet;
import com.codahale.metrics.jvm.GarbageCollectorMetricSet;
import com.codahale.metrics.jvm.MemoryUsageGaugeSet;

import io.memtune.monitoring.core.Daemons;
import io.memtune.monitoring.core.JvmRates;

/**
 * JVM metrics under {@code memtune.jvm}: memory and pools (with used-after-GC), GC counts and times,
 * buffer pools, threads, class loading (metrics-jvm), plus per-interval GC time and overhead, allocation
 * rate and heap after GC ({@link JvmRates}), sampled every {@code sample.interval.ms}.
 */
@Component(service = {}, immediate = true, configurationPid = JvmMetrics.PID)
@Designate(ocd = JvmMetrics.Config.class)
public final class JvmMetrics {

    static final String PID = "io.memtune.monitoring.jvm";
    static final String PREFIX = MetricRegistry.name("memtune", "jvm");

    @ObjectClassDefinition(name = "memtune JVM metrics", description = "How often the JVM rates are sampled.")
    public @interface Config {
        @AttributeDefinition(name = "Sample interval (ms)", description = "The interval of GC overhead and"
                + " allocation rate: shorter reacts faster, longer smooths.", min = "100", max = "60000")
        long sample_interval_ms() default 1000;
    }

    private final MetricRegistry registry;
    private final ScheduledExecutorService sampler;

    @Activate
    public JvmMetrics(@Reference MetricRegistry registry, Config config) {
        this.registry = registry;
        register("memory", new MemoryUsageGaugeSet());
        register("gc", new GarbageCollectorMetricSet());
        register("buffers", new BufferPoolMetricSet(ManagementFactory.getPlatformMBeanServer()));
        register("threads", new CachedThreadStatesGaugeSet(config.sample_interval_ms(), TimeUnit.MILLISECONDS));
        register("classloading", new ClassLoadingGaugeSet());
        JvmRates rates = new JvmRates();
        registry.register(MetricRegistry.name(PREFIX, "gc", "interval", "millis"), (Gauge<Double>) rates::gcMillisInInterval);
        registry.register(MetricRegistry.name(PREFIX, "gc", "overhead"), (Gauge<Double>) rates::gcOverhead);
        registry.register(MetricRegistry.name(PREFIX, "allocation", "rate"), (Gauge<Double>) rates::allocationRate);
        registry.register(MetricRegistry.name(PREFIX, "heap", "used", "after", "gc"), (Gauge<Long>) rates::heapUsedAfterGc);
        long maxHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        registry.register(MetricRegistry.name(PREFIX, "heap", "occupancy", "after", "gc"),
                (Gauge<Double>) () -> maxHeap > 0 ? (double) rates.heapUsedAfterGc() / maxHeap : 0.0);
        this.sampler = Daemons.scheduler("memtune-jvm-sampler");
        long interval = config.sample_interval_ms();
        sampler.scheduleAtFixedRate(rates::sample, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void register(String group, MetricSet set) {
        set.getMetrics().forEach((name, metric) -> registry.register(MetricRegistry.name(PREFIX, group, name), metric));
    }

    @Deactivate
    void stop() {
        sampler.shutdownNow();
        registry.removeMatching((name, metric) -> name.startsWith(PREFIX + "."));
    }
}
