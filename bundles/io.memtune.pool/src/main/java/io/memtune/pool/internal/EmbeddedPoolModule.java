package io.memtune.pool.internal;

import java.util.Set;

import com.codahale.metrics.MetricRegistry;

import io.memtune.api.embedded.EmbeddedContext;
import io.memtune.api.embedded.EmbeddedModule;
import io.memtune.api.pool.BufferPool;
import io.memtune.api.pool.HttpPool;
import io.memtune.api.pool.PoolManager;

/**
 * The pool bundle outside OSGi: the pool manager (scaling, statistics, metrics), the buffer pool, the configured
 * object-pool settings and HTTP client pools, from the same classes and configurations as in the container. JDBC
 * pools stay container-only: they take their driver from the OSGi JDBC service; an embedding application hands its
 * own HikariCP {@code DataSource} to its code.
 */
public final class EmbeddedPoolModule implements EmbeddedModule {

    @Override
    public String name() {
        return "pool";
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(PoolManager.class, BufferPool.class, HttpPool.class);
    }

    @Override
    public Set<Class<?>> uses() {
        return Set.of(MetricRegistry.class);
    }

    @Override
    public void start(EmbeddedContext context) {
        PoolManagerComponent manager = new PoolManagerComponent(
                context.configuration(PoolManagerComponent.PID, PoolManagerComponent.Config.class));
        context.onStop(manager::stop);
        context.optional(MetricRegistry.class).ifPresent(registry -> {
            manager.bindMetrics(registry);
            context.onStop(() -> manager.unbindMetrics(registry));
        });
        context.factoryConfigurations(ObjectPoolSettings.FACTORY_PID, ObjectPoolSettings.Config.class).values()
                .forEach(c -> manager.bindSettings(new ObjectPoolSettings(c)));
        BufferPoolComponent buffers = new BufferPoolComponent(
                context.configuration(BufferPoolComponent.PID, BufferPoolComponent.Config.class));
        manager.configuredPools.add(buffers);
        context.register(BufferPool.class, buffers);
        context.factoryConfigurations(HttpPoolComponent.FACTORY_PID, HttpPoolComponent.Config.class).values().forEach(c -> {
            HttpPoolComponent http = new HttpPoolComponent(c);
            manager.configuredPools.add(http);
            context.register(HttpPool.class, http);
        });
        context.register(PoolManager.class, manager);
    }
}
