package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ConfigReloadsTest {

    @TempDir
    Path work;

    private JsonNode environment(Bench bench) throws Exception {
        return new ObjectMapper().readTree(Files.readString(Server.environmentFile(bench, SoakRun.MODE)));
    }

    @Test
    void eachReloadChangesOneValueBackAndForthAndKeepsTheRestOfTheFile() throws Exception {
        Bench bench = new Bench(work.resolve("memtune"), work, work.resolve("corpus"), java.util.List.of(), 18123, Duration.ZERO);
        ConfigReloads reloads = new ConfigReloads(bench, SoakRun.MODE, new ShellClient(bench.home()));
        Path file = Server.environmentFile(bench, SoakRun.MODE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, reloads.initial());
        JsonNode start = environment(bench);
        assertEquals(1000, start.at("/io.memtune.concurrency.executor~render/queue.batch").asInt());
        assertEquals(100, start.at("/io.memtune.concurrency.executor~render/queue.interactive").asInt());
        assertEquals(64L << 20, start.at("/io.memtune.template/cache.memory.bytes").asLong());
        assertEquals(18123, start.at("/org.apache.felix.http/org.osgi.service.http.port").asInt());

        assertEquals("render executor queue.batch 999", reloads.toggleExecutor().change());
        assertEquals(999, environment(bench).at("/io.memtune.concurrency.executor~render/queue.batch").asInt());
        reloads.toggleTemplateCache();
        assertEquals(48L << 20, environment(bench).at("/io.memtune.template/cache.memory.bytes").asLong());
        assertEquals(999, environment(bench).at("/io.memtune.concurrency.executor~render/queue.batch").asInt());
        reloads.toggleExecutor();
        assertEquals(1000, environment(bench).at("/io.memtune.concurrency.executor~render/queue.batch").asInt());
        try (var files = Files.list(file.getParent())) {
            assertEquals(java.util.List.of(file), files.toList(), "no temporary file is left beside it");
        }
    }
}
