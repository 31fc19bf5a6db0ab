package io.memtune.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.memtune.api.embedded.ConfigurationSource;
import io.memtune.api.embedded.EmbeddedModule;
import io.memtune.embedded.ModuleStatus.State;
import io.memtune.embedded.internal.ModuleOrder;
import io.memtune.embedded.internal.ServiceTable;

/**
 * memtune embedded in a plain Java application: the same components as in the container, found through
 * {@code java.util.ServiceLoader} (each memtune jar lists its {@link EmbeddedModule}s), started in dependency order
 * and configured from the environment file. A module that fails is reported and the rest runs, as a bundle
 * failing to activate would be in the container; modules that require what it provides are skipped. The one
 * exception is the configuration: when the environment file cannot be read or is not valid, nothing starts.
 *
 * <pre>{@code
 * try (Memtune memtune = Memtune.start(Map.of("memtune.home", ".", "memtune.env", "dev"))) {
 *     TemplateService templates = memtune.service(TemplateService.class);
 * }
 * }</pre>
 */
public final class Memtune implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Memtune.class);

    private final ServiceTable services;
    private final List<ModuleStatus> statuses;
    private final List<EmbeddedModule> started;

    private Memtune(ServiceTable services, List<ModuleStatus> statuses, List<EmbeddedModule> started) {
        this.services = services;
        this.statuses = List.copyOf(statuses);
        this.started = started;
    }

    /**
     * Starts every module on the class path.
     *
     * @param properties launch properties, as the container's framework properties: {@code memtune.home} (the
     *        installation, relative paths resolve against it), {@code memtune.env} and {@code memtune.config.dir}
     *        (which environment file); a missing one is read from the system properties
     */
    public static Memtune start(Map<String, String> properties) throws IOException {
        return start(properties, Thread.currentThread().getContextClassLoader());
    }

    /** Starts every module the class loader's {@code ServiceLoader} finds. */
    public static Memtune start(Map<String, String> properties, ClassLoader classLoader) throws IOException {
        String home = properties.getOrDefault("memtune.home", System.getProperty("memtune.home", "."));
        Path data = Files.createDirectories(Path.of(home).resolve("data").resolve("embedded"));
        ServiceTable services = new ServiceTable(properties::get, data, classLoader);
        List<EmbeddedModule> found = new ArrayList<>();
        ServiceLoader.load(EmbeddedModule.class, classLoader).forEach(found::add);
        ModuleOrder.Result order = ModuleOrder.of(found);
        List<ModuleStatus> statuses = new ArrayList<>();
        List<EmbeddedModule> started = new ArrayList<>();
        order.unplaced().forEach((m, why) -> statuses.add(new ModuleStatus(m.name(), State.SKIPPED, why)));
        for (EmbeddedModule module : order.order()) {
            String missing = missingRequirement(module, services);
            if (missing != null) {
                LOG.warn("embedded module {} not started: {}", module.name(), missing);
                statuses.add(new ModuleStatus(module.name(), State.SKIPPED, missing));
                continue;
            }
            try {
                module.start(services);
                services.onStop(module::stop); // after the actions its start registered: undone before them
                started.add(module);
                statuses.add(new ModuleStatus(module.name(), State.STARTED, null));
            } catch (Exception | LinkageError e) {
                if (module.provides().contains(ConfigurationSource.class)) {
                    // running every component on its defaults because the environment file is broken would
                    // hide the mistake in production: nothing runs, and the error says what is wrong where
                    services.stop((action, failure) -> LOG.warn("cleaning up after a failed start", failure));
                    throw new IllegalStateException("memtune cannot start: the " + module.name() + " module failed: "
                            + e.getMessage(), e);
                }
                LOG.error("embedded module {} failed to start", module.name(), e);
                statuses.add(new ModuleStatus(module.name(), State.FAILED, String.valueOf(e)));
            }
        }
        return new Memtune(services, statuses, started);
    }

    private static String missingRequirement(EmbeddedModule module, ServiceTable services) {
        for (Class<?> type : module.requires()) {
            if (services.optional(type).isEmpty()) {
                return "requires " + type.getName() + ", which no started module provides";
            }
        }
        return null;
    }

    /** The service of this type with the highest ranking; fails naming the type when there is none. */
    public <T> T service(Class<T> type) {
        return services.service(type);
    }

    public <T> Optional<T> optional(Class<T> type) {
        return services.optional(type);
    }

    /** Registered services of this type and the class path's plugins of it. */
    public <T> List<T> services(Class<T> type) {
        return services.services(type);
    }

    /** Every module found, in start order, with what became of it. */
    public List<ModuleStatus> modules() {
        return statuses;
    }

    /** Stops the started modules in reverse order; one that throws does not keep the others running. */
    @Override
    public void close() {
        services.stop((action, e) -> LOG.warn("an embedded module failed to stop cleanly ({})", action, e));
        started.clear();
    }
}
