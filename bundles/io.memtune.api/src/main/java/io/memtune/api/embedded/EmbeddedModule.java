package io.memtune.api.embedded;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One bundle's components wired outside OSGi: the embedded mode's counterpart of the bundle's DS descriptors.
 * A module builds the same component classes DS activates in the container (no second copy of any logic),
 * with their configuration from the environment file and their references from the context.
 *
 * <p>Modules start in an order that puts every provider of a type before the modules that {@link #requires()
 * require} or {@link #uses() use} it; a module whose required type nobody provides is not started, and the
 * bootstrap reports why.
 */
@ConsumerType
public interface EmbeddedModule {

    /** A short name for reports and errors, e.g. {@code "profiler"}. */
    String name();

    /** The service types this module registers in {@link #start}. */
    Set<Class<?>> provides();

    /** The types it cannot start without (DS: mandatory references). */
    default Set<Class<?>> requires() {
        return Set.of();
    }

    /** The types it binds when present (DS: optional references); their providers start first. */
    default Set<Class<?>> uses() {
        return Set.of();
    }

    /** Builds the components and registers what {@link #provides()} names. */
    void start(EmbeddedContext context) throws Exception;

    /**
     * Releases what {@link #start} did not hand to {@link EmbeddedContext#onStop} (DS: deactivate). Called in
     * reverse start order.
     */
    default void stop() throws Exception {
    }
}
