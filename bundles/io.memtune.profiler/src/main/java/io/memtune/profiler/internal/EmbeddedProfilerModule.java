package io.memtune.profiler.internal;

import java.util.Set;

import com.codahale.metrics.MetricRegistry;

import io.memtune.api.embedded.EmbeddedContext;
import io.memtune.api.embedded.EmbeddedModule;
import io.memtune.api.profiler.MemoryProfiler;

/**
 * The profiler outside OSGi: the same snapshots, peak captures and profile store, profiles in the configured
 * directory (falling back to the module's data directory). The class loader leak watch stays container-only:
 * without bundles there is no revision to outlive.
 */
public final class EmbeddedProfilerModule implements EmbeddedModule {

    @Override
    public String name() {
        return "profiler";
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(MemoryProfiler.class);
    }

    @Override
    public Set<Class<?>> uses() {
        return Set.of(MetricRegistry.class);
    }

    @Override
    public void start(EmbeddedContext context) throws Exception {
        MemoryProfilerComponent profiler = new MemoryProfilerComponent(
                context.configuration(MemoryProfilerComponent.PID, MemoryProfilerComponent.Config.class),
                context::property, name -> context.dataDirectory("profiler").resolve(name));
        context.optional(MetricRegistry.class).ifPresent(registry -> {
            profiler.bindMetrics(registry);
            context.onStop(() -> profiler.unbindMetrics(registry));
        });
        context.register(MemoryProfiler.class, profiler);
        context.onStop(profiler::stop);
    }
}
