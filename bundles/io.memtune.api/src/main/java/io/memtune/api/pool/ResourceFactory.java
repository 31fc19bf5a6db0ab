package io.memtune.api.pool;

import org.osgi.annotation.versioning.ConsumerType;

/** Makes, checks and disposes of the objects of an object pool. */
@ConsumerType
public interface ResourceFactory<T> {

    T create() throws Exception;

    /** Whether an object may still be used (checked on borrow, on return and while idle). */
    default boolean validate(T object) {
        return true;
    }

    /** Brings a returned object back to a clean state. */
    default void reset(T object) throws Exception {
    }

    default void destroy(T object) throws Exception {
    }
}
