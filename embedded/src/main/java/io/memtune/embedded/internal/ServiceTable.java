package io.memtune.embedded.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import io.memtune.api.embedded.ConfigurationSource;
import io.memtune.api.embedded.EmbeddedContext;

/**
 * The embedded mode's service registry: what modules registered, by type and ranking, plus the class path's
 * {@code ServiceLoader} implementations for plugin types. Configurations come from the {@link ConfigurationSource}
 * the config module registers; before it (or without it) every component gets its annotation's defaults.
 */
public final class ServiceTable implements EmbeddedContext {

    private record Entry(Class<?> type, Object service, int ranking, long order) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final UnaryOperator<String> properties;
    private final Path dataRoot;
    private final ClassLoader classLoader;
    private final java.util.Deque<AutoCloseable> stopActions = new java.util.ArrayDeque<>();
    private long registrations;

    public ServiceTable(UnaryOperator<String> properties, Path dataRoot, ClassLoader classLoader) {
        this.properties = properties;
        this.dataRoot = dataRoot;
        this.classLoader = classLoader;
    }

    @Override
    public <T> T service(Class<T> type) {
        return optional(type).orElseThrow(() -> new IllegalStateException("no " + type.getName()
                + " is registered: the module that provides it is missing from the class path or did not start"));
    }

    @Override
    public <T> Optional<T> optional(Class<T> type) {
        return registered(type).stream().findFirst();
    }

    @Override
    public <T> List<T> services(Class<T> type) {
        List<T> all = new ArrayList<>(registered(type));
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        all.forEach(s -> seen.put(s, true));
        List<Class<?>> registeredClasses = all.stream().<Class<?>>map(Object::getClass).toList();
        for (T plugin : ServiceLoader.load(type, classLoader)) {
            // a class a module already registered an instance of is not added a second time
            if (!seen.containsKey(plugin) && !registeredClasses.contains(plugin.getClass())) {
                all.add(plugin);
            }
        }
        return all;
    }

    private <T> List<T> registered(Class<T> type) {
        return entries.stream().filter(e -> e.type() == type)
                .sorted(Comparator.comparingInt(Entry::ranking).reversed().thenComparingLong(Entry::order))
                .map(e -> type.cast(e.service())).toList();
    }

    @Override
    public synchronized <T> void register(Class<T> type, T service, int ranking) {
        if (!type.isInstance(service)) {
            throw new IllegalArgumentException(service + " is not a " + type.getName());
        }
        entries.add(new Entry(type, service, ranking, registrations++));
    }

    @Override
    public <A extends Annotation> A configuration(String pid, Class<A> type) {
        Map<String, Object> values = optional(ConfigurationSource.class).map(s -> s.properties(pid)).orElse(Map.of());
        return AnnotationConfigurations.create(type, pid, values);
    }

    @Override
    public <A extends Annotation> Map<String, A> factoryConfigurations(String factoryPid, Class<A> type) {
        Map<String, Map<String, Object>> found = optional(ConfigurationSource.class)
                .map(s -> s.factoryProperties(factoryPid)).orElse(Map.of());
        Map<String, A> result = new LinkedHashMap<>();
        found.forEach((name, values) -> result.put(name, AnnotationConfigurations.create(type, factoryPid + "~" + name, values)));
        return result;
    }

    @Override
    public String property(String key) {
        String value = properties.apply(key);
        return value != null ? value : System.getProperty(key);
    }

    @Override
    public synchronized void onStop(AutoCloseable action) {
        stopActions.push(action);
    }

    /** Runs the stop actions, newest first; each failure is handed to {@code failed} and the rest still run. */
    public void stop(java.util.function.BiConsumer<AutoCloseable, Exception> failed) {
        AutoCloseable action;
        while ((action = pollStopAction()) != null) {
            try {
                action.close();
            } catch (Exception e) {
                failed.accept(action, e);
            }
        }
    }

    private synchronized AutoCloseable pollStopAction() {
        return stopActions.poll();
    }

    @Override
    public Path dataDirectory(String module) {
        Path dir = dataRoot.resolve(module);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir.toAbsolutePath(), e);
        }
    }
}
