package io.memtune.config.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environments of a configuration directory: every {@code environments/<name>.json} file is one.
 * An operator adds an environment by adding a file; there is no list to keep in step.
 */
public final class EnvironmentFiles {

    private static final String SUFFIX = ".json";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path directory;

    /** @param configDirectory the configuration directory (holding {@code environments/}) */
    public EnvironmentFiles(Path configDirectory) {
        this.directory = configDirectory.resolve("environments").toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    /** The environments present, sorted; empty when the directory is missing. */
    public List<String> names() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(SUFFIX))
                    .map(n -> n.substring(0, n.length() - SUFFIX.length()))
                    .filter(n -> NAME.matcher(n).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list environments in " + directory, e);
        }
    }

    /**
     * The file of one environment.
     *
     * @throws NoSuchElementException naming the known environments when there is no such file
     */
    public Path file(String environment) {
        if (environment == null || !NAME.matcher(environment).matches()) {
            throw new NoSuchElementException("invalid environment name '" + environment
                    + "': use letters, digits, '.', '_' and '-'; known environments: " + known());
        }
        Path file = directory.resolve(environment + SUFFIX);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchElementException("unknown environment '" + environment + "': no file " + file
                    + "; known environments: " + known());
        }
        return file;
    }

    private String known() {
        List<String> names = names();
        return names.isEmpty() ? "none (" + directory + " has no *.json file)" : String.join(", ", names);
    }
}
