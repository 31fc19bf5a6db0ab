package io.memtune.config.core;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Which environment runs and where its files are: the launcher's choice (a framework or system property),
 * else the {@value #ENV_VARIABLE} environment variable, else {@value #DEFAULT_ENVIRONMENT}.
 *
 * @param environment the environment's name
 * @param configDirectory the directory holding {@code environments/}
 */
public record EnvironmentSelection(String environment, Path configDirectory) {

    public static final String ENV_PROPERTY = "memtune.env";
    public static final String CONFIG_DIR_PROPERTY = "memtune.config.dir";
    public static final String ENV_VARIABLE = "MEMTUNE_ENV";
    public static final String DEFAULT_ENVIRONMENT = "dev";

    /**
     * @param properties framework or system properties
     * @param environmentVariables the process environment
     */
    public static EnvironmentSelection from(UnaryOperator<String> properties, UnaryOperator<String> environmentVariables) {
        String environment = firstSet(properties.apply(ENV_PROPERTY), environmentVariables.apply(ENV_VARIABLE),
                DEFAULT_ENVIRONMENT);
        String directory = firstSet(properties.apply(CONFIG_DIR_PROPERTY), "config", null);
        return new EnvironmentSelection(environment.trim(), Path.of(directory).toAbsolutePath().normalize());
    }

    private static String firstSet(String first, String second, String third) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second != null && !second.isBlank() ? second : third;
    }
}
