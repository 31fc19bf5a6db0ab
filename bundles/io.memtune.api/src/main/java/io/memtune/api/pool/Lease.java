package io.memtune.api.pool;

import org.osgi.annotation.versioning.ProviderType;

/** A borrowed object; closing the lease returns it (use try-with-resources). */
@ProviderType
public interface Lease<T> extends AutoCloseable {

    T get();

    /** The object is broken: destroy it instead of returning it. */
    void invalidate();

    @Override
    void close();
}
