package io.memtune.api.pool;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/** A pool of objects lent out one borrower at a time. */
@ProviderType
public interface ObjectPool<T> extends AutoCloseable {

    String name();

    /**
     * Borrows an object, waiting at most {@code timeout} (never forever).
     *
     * @throws PoolTimeoutException naming the pool when none came free in time
     */
    Lease<T> borrow(Duration timeout);

    /** Borrows with the pool's configured timeout. */
    Lease<T> borrow();

    PoolStatistics statistics();

    /** Destroys the idle objects and refuses further borrowing. */
    @Override
    void close();
}
