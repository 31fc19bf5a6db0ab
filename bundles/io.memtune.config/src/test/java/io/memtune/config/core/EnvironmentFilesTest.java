package io.memtune.config.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentFilesTest {

    @TempDir
    Path config;

    @Test
    void everyJsonFileIsAnEnvironment() throws IOException {
        Files.createDirectories(config.resolve("environments"));
        for (String name : List.of("prod.json", "dev.json", "staging.json", "notes.txt")) {
            Files.writeString(config.resolve("environments").resolve(name), "{}");
        }
        EnvironmentFiles files = new EnvironmentFiles(config);
        assertEquals(List.of("dev", "prod", "staging"), files.names());
        assertEquals(config.resolve("environments/staging.json").toAbsolutePath(), files.file("staging"));
    }

    @Test
    void unknownEnvironmentNamesTheKnownOnes() throws IOException {
        Files.createDirectories(config.resolve("environments"));
        Files.writeString(config.resolve("environments/dev.json"), "{}");
        NoSuchElementException e = assertThrows(NoSuchElementException.class,
                () -> new EnvironmentFiles(config).file("prd"));
        assertTrue(e.getMessage().contains("unknown environment 'prd'") && e.getMessage().contains("known environments: dev"),
                e.getMessage());
    }

    @Test
    void refusesNamesThatAreNotPlainFileNames() {
        assertThrows(NoSuchElementException.class, () -> new EnvironmentFiles(config).file("../../etc/passwd"));
    }

    @Test
    void launcherPropertyWinsOverVariableWhichWinsOverDev() {
        Map<String, String> env = Map.of(EnvironmentSelection.ENV_VARIABLE, "test");
        assertEquals("prod", EnvironmentSelection.from(Map.of("memtune.env", "prod")::get, env::get).environment());
        assertEquals("test", EnvironmentSelection.from(k -> null, env::get).environment());
        assertEquals("dev", EnvironmentSelection.from(k -> null, k -> null).environment());
    }
}
