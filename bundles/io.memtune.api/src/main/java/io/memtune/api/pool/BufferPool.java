package io.memtune.api.pool;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reusable char and byte arrays for rendering and I/O, bounded in the total bytes it keeps: past the
 * bound, a returned array is left to the GC instead of kept. Never blocks.
 */
@ProviderType
public interface BufferPool {

    /** A char array of at least {@code minLength}. */
    Lease<char[]> chars(int minLength);

    /** A byte array of at least {@code minLength}. */
    Lease<byte[]> bytes(int minLength);

    PoolStatistics statistics();
}
