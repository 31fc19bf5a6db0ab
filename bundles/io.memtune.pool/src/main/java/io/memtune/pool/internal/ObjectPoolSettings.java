package io.memtune.pool.internal;

import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.memtune.pool.core.CommonsObjectPool;
import io.memtune.pool.core.PoolHandle;

/**
 * The settings of a named object pool, per environment ({@code io.memtune.pool.objects~<name>}); the pool
 * manager applies them when the pool is created and, live, when they change.
 */
@Component(service = ObjectPoolSettings.class, configurationPid = ObjectPoolSettings.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ObjectPoolSettings.Config.class, factory = true)
public final class ObjectPoolSettings {

    static final String FACTORY_PID = "io.memtune.pool.objects";

    @ObjectClassDefinition(name = "memtune object pool", description = "Sizes, timeouts and scaling of one object pool.")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "The pool these settings are for.")
        String pool_name();

        @AttributeDefinition(name = "Least objects", description = "Kept idle at least; the floor of scaling.", min = "0")
        int min() default 2;

        @AttributeDefinition(name = "Most objects", description = "The ceiling of scaling (the maximum when not scaling).", min = "1")
        int max() default 32;

        @AttributeDefinition(name = "Borrow timeout (ms)", description = "The longest a borrow waits; never forever.", min = "1")
        long borrow_timeout_ms() default 1000;

        @AttributeDefinition(name = "Eviction interval (ms)", description = "How often idle objects are checked.", min = "100")
        long eviction_interval_ms() default 30_000;

        @AttributeDefinition(name = "Idle time (ms)", description = "An object idle this long is evicted (above the least).", min = "1")
        long idle_time_ms() default 60_000;

        @AttributeDefinition(name = "Abandoned after (ms)", description = "A borrower keeping an object this long loses"
                + " it; the report names where it was borrowed. 0: never.", min = "0")
        long abandoned_ms() default 300_000;

        @AttributeDefinition(name = "Scale", description = "Move the maximum between the least and the most by utilization.")
        boolean scale() default true;
    }

    private final String name;
    private final CommonsObjectPool.Settings settings;

    @Activate
    public ObjectPoolSettings(Config config) {
        this.name = config.pool_name();
        this.settings = of(config);
    }

    static CommonsObjectPool.Settings of(Config c) {
        return new CommonsObjectPool.Settings(c.min(), c.max(), Duration.ofMillis(c.borrow_timeout_ms()),
                Duration.ofMillis(c.eviction_interval_ms()), Duration.ofMillis(c.idle_time_ms()), Duration.ofMillis(c.abandoned_ms()),
                c.scale() ? new PoolHandle.ScalingBand(Math.max(1, c.min()), c.max()) : null);
    }

    /** What a pool without settings of its own gets: safe defaults (those of {@link Config}). */
    static CommonsObjectPool.Settings defaults() {
        return new CommonsObjectPool.Settings(2, 32, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1),
                Duration.ofMinutes(5), new PoolHandle.ScalingBand(2, 32));
    }

    String name() {
        return name;
    }

    CommonsObjectPool.Settings settings() {
        return settings;
    }
}
