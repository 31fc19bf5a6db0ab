package io.memtune.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * Picks the environment before the framework starts, so that an unknown name is a start-up error that
 * lists the known ones, never a silent fallback. (The config bundle checks the same again inside.)
 */
final class Environments {

    private Environments() {
    }

    /** {@code --env}, else {@code MEMTUNE_ENV}, else {@code dev}; it must have a file. */
    static String select(LaunchOptions options) {
        String environment = options.environment();
        if (environment == null || environment.isBlank()) {
            String variable = System.getenv("MEMTUNE_ENV");
            environment = variable == null || variable.isBlank() ? "dev" : variable.trim();
        }
        Path directory = options.effectiveConfigDirectory().resolve("environments");
        List<String> known = known(directory);
        if (!known.contains(environment)) {
            throw new NoSuchElementException("unknown environment '" + environment + "': no file "
                    + directory.resolve(environment + ".json") + "; known environments: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)));
        }
        return environment;
    }

    private static List<String> known(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
