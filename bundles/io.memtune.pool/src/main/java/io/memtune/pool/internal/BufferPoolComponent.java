package io.memtune.pool.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.memtune.api.pool.BufferPool;
import io.memtune.api.pool.Lease;
import io.memtune.api.pool.PoolStatistics;
import io.memtune.pool.core.ArrayBufferPool;
import io.memtune.pool.core.PoolHandle;

/** The container's buffer pool ({@code buffers} in the listings). */
@Component(service = {BufferPool.class, PoolHandle.class}, configurationPid = BufferPoolComponent.PID)
@Designate(ocd = BufferPoolComponent.Config.class)
public final class BufferPoolComponent implements BufferPool, PoolHandle {

    static final String PID = "io.memtune.pool.buffers";

    @ObjectClassDefinition(name = "memtune buffer pool", description = "Reusable char and byte arrays.")
    public @interface Config {
        @AttributeDefinition(name = "Bytes kept", description = "The most bytes of arrays kept for reuse.", min = "0")
        long max_bytes() default 32L * 1024 * 1024;
    }

    private final ArrayBufferPool pool;

    @Activate
    public BufferPoolComponent(Config config) {
        this.pool = new ArrayBufferPool("buffers", config.max_bytes());
    }

    @Override
    public Lease<char[]> chars(int minLength) {
        return pool.chars(minLength);
    }

    @Override
    public Lease<byte[]> bytes(int minLength) {
        return pool.bytes(minLength);
    }

    @Override
    public String name() {
        return pool.name();
    }

    @Override
    public PoolStatistics statistics() {
        return pool.statistics();
    }

    @Override
    public void resize(int min, int max) {
        pool.resize(min, max);
    }
}
