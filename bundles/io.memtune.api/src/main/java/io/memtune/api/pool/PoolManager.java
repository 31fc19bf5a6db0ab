package io.memtune.api.pool;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Every pool of the container by name: statistics, live resizing, and object pools on demand. */
@ProviderType
public interface PoolManager {

    /**
     * Creates a named object pool. Its sizes, validation, eviction and abandonment settings come from the
     * configuration {@code io.memtune.pool.objects~<name>} when the environment has one, else from
     * defaults that never block forever, validate, and evict idle objects. Close it when done.
     *
     * @throws IllegalArgumentException when a pool by that name exists
     */
    <T> ObjectPool<T> createObjectPool(String name, ResourceFactory<T> factory);

    List<PoolStatistics> statistics();

    Optional<PoolStatistics> statistics(String name);

    /**
     * Resizes a pool live.
     *
     * @throws IllegalArgumentException naming what is wrong: no such pool, or not 0 <= min <= max, max >= 1
     */
    void resize(String name, int min, int max);
}
