package io.memtune.api.embedded;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What an {@link EmbeddedModule} gets instead of a framework: services registered by the modules started before
 * it, plugins found by {@code java.util.ServiceLoader}, configurations from the environment file as the same
 * annotation types DS hands to the components, and the installation's properties and directories.
 */
@ProviderType
public interface EmbeddedContext {

    /** The service of this type with the highest ranking; fails naming the type when there is none. */
    <T> T service(Class<T> type);

    /** The service of this type with the highest ranking, if any. */
    <T> Optional<T> optional(Class<T> type);

    /**
     * Every service of this type: those registered by modules (highest ranking first), then the implementations
     * {@code java.util.ServiceLoader} finds on the class path (third-party plugins), each once.
     */
    <T> List<T> services(Class<T> type);

    /** Registers a service; a higher ranking wins {@link #service} (as {@code service.ranking} does in OSGi). */
    <T> void register(Class<T> type, T service, int ranking);

    /** Registers a service with ranking 0. */
    default <T> void register(Class<T> type, T service) {
        register(type, service, 0);
    }

    /**
     * The configuration of a PID as the component's annotation type, with the names mapped as DS maps them
     * ({@code snapshot_interval_ms} reads {@code snapshot.interval.ms}) and the annotation's defaults where the
     * environment file says nothing.
     */
    <A extends Annotation> A configuration(String pid, Class<A> type);

    /** The factory configurations of a factory PID ({@code factoryPid~name} in the file), by name, in file order. */
    <A extends Annotation> Map<String, A> factoryConfigurations(String factoryPid, Class<A> type);

    /** A launch property ({@code memtune.home}, {@code memtune.env}, ...), else the system property, else null. */
    String property(String key);

    /**
     * Something to release when memtune stops (DS: deactivate): threads, timers, files. Actions run in reverse order
     * of registration, so a module's are undone before those of the modules it was built on; one that throws is
     * logged and the others still run.
     */
    void onStop(AutoCloseable action);

    /** A private directory for a module's files (DS: the bundle's data area), created on demand. */
    Path dataDirectory(String module);
}
