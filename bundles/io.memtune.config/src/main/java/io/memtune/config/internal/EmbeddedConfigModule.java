package io.memtune.config.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.memtune.api.embedded.ConfigurationSource;
import io.memtune.api.embedded.EmbeddedContext;
import io.memtune.api.embedded.EmbeddedModule;
import io.memtune.config.core.ConfigLoader;
import io.memtune.config.core.ConfigSchema;
import io.memtune.config.core.EnvironmentFiles;
import io.memtune.config.core.EnvironmentSelection;
import io.memtune.config.core.Interpolator;
import io.memtune.config.core.ValidatedConfiguration;
import io.memtune.config.core.ValidationOutcome;

/**
 * The config bundle outside OSGi: the active environment file read and validated by the same pipeline as in the
 * container ({@link ConfigLoader}: parsing with locations, interpolation, typed values), offered to the other
 * modules as a {@link ConfigurationSource}. A file with errors stops the start with every error and its line, so
 * that nothing runs on half a configuration. Without Metatype there is no schema: values keep their JSON types and
 * the components' annotation types convert them (as DS does), failing on a value that does not fit.
 */
public final class EmbeddedConfigModule implements EmbeddedModule {

    @Override
    public String name() {
        return "config";
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(ConfigurationSource.class);
    }

    @Override
    public void start(EmbeddedContext context) {
        String home = context.property("memtune.home");
        EnvironmentSelection selection = EnvironmentSelection.from(key -> {
            String value = context.property(key);
            if (value == null && key.equals(EnvironmentSelection.CONFIG_DIR_PROPERTY) && home != null) {
                return Path.of(home, "config").toString();
            }
            return value;
        }, System::getenv);
        Path file = new EnvironmentFiles(selection.configDirectory()).file(selection.environment());
        ValidationOutcome outcome = new ConfigLoader(ConfigSchema.NONE, Interpolator.ofProcess()).load(file);
        if (!outcome.report().isValid()) {
            throw new IllegalArgumentException("environment file " + file + " is not valid:\n" + outcome.report().errors()
                    .stream().map(Object::toString).collect(Collectors.joining("\n")));
        }
        context.register(ConfigurationSource.class, new FileConfigurationSource(outcome));
    }

    /** The validated configurations of one environment file, by PID. */
    record FileConfigurationSource(ValidationOutcome outcome) implements ConfigurationSource {

        @Override
        public Map<String, Object> properties(String pid) {
            return outcome.configurations().stream().filter(c -> c.factoryPid() == null && c.pid().equals(pid))
                    .findFirst().map(ValidatedConfiguration::values).orElse(Map.of());
        }

        @Override
        public Map<String, Map<String, Object>> factoryProperties(String factoryPid) {
            Map<String, Map<String, Object>> result = new LinkedHashMap<>();
            outcome.configurations().stream().filter(c -> factoryPid.equals(c.factoryPid()))
                    .forEach(c -> result.put(c.name(), c.values()));
            return result;
        }
    }
}
