package io.memtune.examples.integrated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.memtune.api.optimizer.PassStatus;
import io.memtune.embedded.Memtune;
import io.memtune.embedded.ModuleStatus;

class IntegratedExampleTest {

    static final Path HOME = Path.of("target", "home");

    @Test
    void theClassPathHoldsNoOsgi() {
        for (String osgi : List.of("org.osgi.framework.BundleContext", "org.osgi.service.cm.ConfigurationAdmin",
                "org.osgi.service.component.ComponentContext", "org.apache.felix.framework.Felix")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(osgi), osgi + " is on the class path");
        }
    }

    @Test
    void everyComponentRunsRendersTheCorpusUnderLoadAndReportsMemory() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        IntegratedExample.Outcome outcome = IntegratedExample.run(
                new IntegratedExample.Options(HOME, "dev", 2, Duration.ofSeconds(2)),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertEquals(List.of("alerting", "concurrency", "config", "execution", "monitoring", "optimizer", "pool",
                "profiler", "template", "template-engine", "tuner"),
                outcome.modules().stream().map(ModuleStatus::name).sorted().toList());
        outcome.modules().forEach(m -> assertEquals(ModuleStatus.State.STARTED, m.state(), m.name() + ": " + m.reason()));

        assertTrue(outcome.load().ok() > 0, "pages rendered under load");
        assertEquals(0, outcome.load().failed(), () -> "failures: " + outcome.load().failures());

        assertTrue(outcome.optimization().templates() > 0);
        assertTrue(outcome.optimization().optimizedBytes() < outcome.optimization().baselineBytes() / 2,
                "the optimizer's form is well under Mustache.java's: " + outcome.optimization());
        PassStatus plugin = outcome.optimization().passes().stream().filter(p -> p.name().equals("drop-empty-sections"))
                .findFirst().orElseThrow(() -> new AssertionError("the third-party pass was not found by ServiceLoader: "
                        + outcome.optimization().passes()));
        assertEquals("class path (ServiceLoader)", plugin.origin());

        String report = printed.toString(StandardCharsets.UTF_8);
        for (String section : List.of("Modules", "Heap after GC", "Templates before and after optimization",
                "Generated load", "Pools", "Executors", "Alerts", "Tuning recommendations")) {
            assertTrue(report.contains(section), "the report has no '" + section + "' section:\n" + report);
        }
        assertTrue(report.contains("render"), "the render executor is listed:\n" + report);
        assertFalse(report.contains("org.apache.felix.http"), "no Jetty advice without Jetty:\n" + report);
    }

    @Test
    void aBrokenEnvironmentFileStopsTheStartNamingFileAndLine(@TempDir Path home) throws Exception {
        Path environments = Files.createDirectories(home.resolve("config/environments"));
        Files.writeString(environments.resolve("dev.json"), "{\n  \"io.memtune.tuner\": {\n    \"mode\": \"recommend\",,\n  }\n}\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Memtune.start(Map.of("memtune.home", home.toString(), "memtune.env", "dev")));
        assertTrue(e.getMessage().contains("dev.json:3"), e.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedNamingPidAndKey(@TempDir Path home) throws Exception {
        Path environments = Files.createDirectories(home.resolve("config/environments"));
        Files.writeString(environments.resolve("dev.json"), "{ \"io.memtune.profiler\": { \"snapshot.interval.ms\": \"often\" } }");
        try (Memtune memtune = Memtune.start(Map.of("memtune.home", home.toString(), "memtune.env", "dev"))) {
            ModuleStatus profiler = memtune.modules().stream().filter(m -> m.name().equals("profiler")).findFirst().orElseThrow();
            assertEquals(ModuleStatus.State.FAILED, profiler.state());
            assertTrue(profiler.reason().contains("io.memtune.profiler: snapshot.interval.ms = \"often\""), profiler.reason());
            ModuleStatus pool = memtune.modules().stream().filter(m -> m.name().equals("pool")).findFirst().orElseThrow();
            assertEquals(ModuleStatus.State.STARTED, pool.state(), "the rest runs");
        }
    }
}
