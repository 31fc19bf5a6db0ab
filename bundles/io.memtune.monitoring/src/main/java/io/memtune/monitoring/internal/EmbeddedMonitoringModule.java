package io.memtune.monitoring.internal;

import java.util.Set;

import com.codahale.metrics.MetricRegistry;

import io.memtune.api.embedded.EmbeddedContext;
import io.memtune.api.embedded.EmbeddedModule;
import io.memtune.api.metrics.MetricHistory;

/**
 * The monitoring bundle outside OSGi: the one registry, the JVM metrics written into it and the history of the
 * key series, built from the same component classes and configurations as in the container. (No HTTP
 * exposure: an embedding application serves the registry its own way; JMX stays a container option.)
 */
public final class EmbeddedMonitoringModule implements EmbeddedModule {

    @Override
    public String name() {
        return "monitoring";
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(MetricRegistry.class, MetricHistory.class);
    }

    @Override
    public void start(EmbeddedContext context) {
        MetricRegistryProvider registry = new MetricRegistryProvider();
        context.register(MetricRegistry.class, registry);
        context.onStop(registry::stop);
        JvmMetrics jvm = new JvmMetrics(registry, context.configuration(JvmMetrics.PID, JvmMetrics.Config.class));
        context.onStop(jvm::stop);
        MetricHistoryComponent history = new MetricHistoryComponent(registry,
                context.configuration(MetricHistoryComponent.PID, MetricHistoryComponent.Config.class));
        context.register(MetricHistory.class, history);
        context.onStop(history::stop);
    }
}
