package io.memtune.launcher;

import static io.memtune.launcher.Installation.await;
import static io.memtune.launcher.Installation.buildJdk;
import static io.memtune.launcher.Installation.freePort;
import static io.memtune.launcher.Installation.textSince;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What bin/memtune sets besides jvm.options: {@code --create-cds} leaves an AppCDS archive made for the JDK it ran on,
 * which later starts with that JDK map (and a start with another JDK ignores), and the C library's malloc arenas are
 * capped at two unless the operator says otherwise. On a private copy of the distribution: the archive is its own.
 */
class AppCdsIT {

    @TempDir
    Path work;

    @Test
    void createCdsLeavesAnArchiveForThisJdkThatTheNextStartMapsWithTwoMallocArenas() throws Exception {
        Installation installation = Installation.privateCopy(work.resolve("install"));
        Path config = environment();
        Process create = installation.process(buildJdk(), "--create-cds", "--config", config.toString(), "--env", "it").start();
        String created = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(create.waitFor(120, TimeUnit.SECONDS), created);
        assertEquals(0, create.exitValue(), created);
        List<Path> archives = archives(installation);
        assertEquals(1, archives.size(), created);
        assertTrue(created.contains("AppCDS archive " + archives.get(0)) && Files.size(archives.get(0)) > 1 << 20, created);

        Process container = start(installation, buildJdk(), config);
        try {
            String maps = Files.readString(Path.of("/proc", Long.toString(container.pid()), "maps"));
            assertTrue(maps.contains(archives.get(0).toString()), "the archive is mapped");
            assertTrue(environ(container).contains("MALLOC_ARENA_MAX=2"), "two arenas by default");
        } finally {
            assertTrue(Installation.stop(container));
        }
    }

    @Test
    void anOperatorsArenaSettingWinsAndAnotherJdkIgnoresTheArchive() throws Exception {
        Installation installation = Installation.privateCopy(work.resolve("install"));
        Path config = environment();
        Path archive = installation.home().resolve("data/cds/memtune-0.jsa");
        Files.createDirectories(archive.getParent());
        Files.writeString(archive, "not an archive"); // made for no JDK: its name matches none
        ProcessBuilder start = installation.process(buildJdk(), "--no-shell", "--config", config.toString(), "--env", "it");
        start.environment().put("MALLOC_ARENA_MAX", "4");
        long logStart = installation.logSize();
        Process container = start.start();
        try {
            await("the container reports ready", () -> textSince(installation.log(), logStart).contains("memtune ready in"));
            assertTrue(environ(container).contains("MALLOC_ARENA_MAX=4"));
            assertFalse(Files.readString(Path.of("/proc", Long.toString(container.pid()), "maps")).contains(archive.toString()));
        } finally {
            assertTrue(Installation.stop(container));
        }
    }

    private Process start(Installation installation, Path jdk, Path config) throws IOException, InterruptedException {
        long logStart = installation.logSize();
        Process container = installation.process(jdk, "--no-shell", "--config", config.toString(), "--env", "it").start();
        await("the container reports ready", () -> textSince(installation.log(), logStart).contains("memtune ready in"));
        return container;
    }

    private Path environment() throws IOException {
        Path config = work.resolve("config");
        Files.createDirectories(config.resolve("environments"));
        Files.writeString(config.resolve("environments/it.json"), "{\n  \"org.apache.felix.http\": {\"org.osgi.service.http.port\": "
                + freePort() + "}\n}\n");
        return config;
    }

    private static List<Path> archives(Installation installation) throws IOException {
        try (Stream<Path> files = Files.list(installation.home().resolve("data/cds"))) {
            return files.filter(p -> p.toString().endsWith(".jsa")).toList();
        }
    }

    /** The process's environment, one VAR=value per element (bin/memtune execs java: the pid is the JVM's). */
    private static String environ(Process p) throws IOException {
        return Arrays.toString(new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "environ")),
                StandardCharsets.UTF_8).split("\0"));
    }
}
