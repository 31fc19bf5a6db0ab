package io.memtune.pool.core;

import io.memtune.api.pool.PoolStatistics;

/** What the pool manager needs of every pool, whatever its kind: statistics, live resizing, scaling. */
public interface PoolHandle {

    String name();

    PoolStatistics statistics();

    /** Sets the live bounds (within the configured band when scaling, anywhere when asked by an operator). */
    void resize(int min, int max);

    /** The band scaling may move the maximum in, or null when the pool does not scale. */
    default ScalingBand band() {
        return null;
    }

    /**
     * Where dynamic scaling may move a pool's maximum.
     *
     * @param floor the lowest maximum
     * @param ceiling the highest maximum
     */
    record ScalingBand(int floor, int ceiling) {
    }
}
