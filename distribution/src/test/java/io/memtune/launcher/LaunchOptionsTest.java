package io.memtune.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void startsTheShellInTheDefaultEnvironmentWithoutArguments() {
        LaunchOptions o = LaunchOptions.parse(List.of("--home", "/opt/memtune"));
        assertEquals(LaunchOptions.Mode.RUN, o.mode());
        assertTrue(o.shell());
        assertNull(o.environment());
        assertEquals(Path.of("/opt/memtune/config"), o.effectiveConfigDirectory());
        assertEquals(Path.of("/opt/memtune/data/memtune.sock"), o.socket());
    }

    @Test
    void readsEnvironmentConfigDirectoryAndServiceMode() {
        LaunchOptions o = LaunchOptions.parse(List.of("--home", "/opt/m", "--env", "prod", "--config", "/etc/m", "--no-shell"));
        assertEquals("prod", o.environment());
        assertEquals(Path.of("/etc/m"), o.effectiveConfigDirectory());
        assertFalse(o.shell());
    }

    @Test
    void aServiceInAContainerLogsToStandardOutputOnlyWithoutTheShell() {
        assertTrue(LaunchOptions.parse(List.of("--no-shell", "--log-stdout")).logToStdout());
        assertFalse(LaunchOptions.parse(List.of("--no-shell")).logToStdout());
        IllegalArgumentException withShell = assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(List.of("--log-stdout")));
        assertTrue(withShell.getMessage().contains("--log-stdout goes with --no-shell"), withShell.getMessage());
    }

    @Test
    void clientTakesTheRestOfTheLineAsTheCommand() {
        assertEquals("memtune:config io.memtune.config",
                LaunchOptions.parse(List.of("--home", "/m", "client", "memtune:config", "io.memtune.config")).command());
        assertEquals("lb | grep memtune", LaunchOptions.parse(List.of("client", "lb | grep memtune")).command());
    }

    @Test
    void analyzeTakesTheRestOfTheLineAsItsArguments() {
        LaunchOptions o = LaunchOptions.parse(List.of("--home", "/m", "analyze", "templates", "--json"));
        assertEquals(LaunchOptions.Mode.ANALYZE, o.mode());
        assertEquals(List.of("templates", "--json"), o.toolArguments());
    }

    @Test
    void refusesUnknownArgumentsAndMissingValuesNamingThem() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(List.of("--enviroment", "prod")));
        assertTrue(unknown.getMessage().contains("--enviroment"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(List.of("--env")));
        assertTrue(missing.getMessage().contains("--env needs a value"));
        assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(List.of("client")));
    }
}
