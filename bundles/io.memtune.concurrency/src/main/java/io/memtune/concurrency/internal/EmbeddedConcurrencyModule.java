package io.memtune.concurrency.internal;

import java.util.Set;

import com.codahale.metrics.MetricRegistry;

import io.memtune.api.concurrency.ConcurrencyManager;
import io.memtune.api.concurrency.ManagedExecutor;
import io.memtune.api.embedded.EmbeddedContext;
import io.memtune.api.embedded.EmbeddedModule;

/**
 * The concurrency bundle outside OSGi: one managed executor per {@code io.memtune.concurrency.executor~<name>}
 * configuration of the environment file, and the manager that finds them by name; same classes, same settings,
 * same metrics as in the container. Stopping drains queued work up to each executor's deadline, as deactivation does.
 */
public final class EmbeddedConcurrencyModule implements EmbeddedModule {

    @Override
    public String name() {
        return "concurrency";
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(ConcurrencyManager.class, ManagedExecutor.class);
    }

    @Override
    public Set<Class<?>> uses() {
        return Set.of(MetricRegistry.class);
    }

    @Override
    public void start(EmbeddedContext context) {
        ConcurrencyManagerComponent manager = new ConcurrencyManagerComponent();
        context.factoryConfigurations(ManagedExecutorComponent.FACTORY_PID, ManagedExecutorComponent.Config.class).values()
                .forEach(config -> {
                    ManagedExecutorComponent executor = new ManagedExecutorComponent(config);
                    context.onStop(executor::stop);
                    context.optional(MetricRegistry.class).ifPresent(registry -> {
                        executor.bindMetrics(registry);
                        context.onStop(() -> executor.unbindMetrics(registry));
                    });
                    manager.executors.add(executor);
                    context.register(ManagedExecutor.class, executor);
                });
        context.register(ConcurrencyManager.class, manager);
    }
}
