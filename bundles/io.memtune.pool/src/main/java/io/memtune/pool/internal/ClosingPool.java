package io.memtune.pool.internal;

import java.time.Duration;

import io.memtune.api.pool.Lease;
import io.memtune.api.pool.ObjectPool;
import io.memtune.api.pool.PoolStatistics;

/** The object pool a bundle receives: closing it also forgets it in the manager. */
final class ClosingPool<T> implements ObjectPool<T> {

    private final ObjectPool<T> pool;
    private final Runnable forget;

    ClosingPool(ObjectPool<T> pool, Runnable forget) {
        this.pool = pool;
        this.forget = forget;
    }

    @Override
    public String name() {
        return pool.name();
    }

    @Override
    public Lease<T> borrow(Duration timeout) {
        return pool.borrow(timeout);
    }

    @Override
    public Lease<T> borrow() {
        return pool.borrow();
    }

    @Override
    public PoolStatistics statistics() {
        return pool.statistics();
    }

    @Override
    public void close() {
        forget.run();
        pool.close();
    }
}
