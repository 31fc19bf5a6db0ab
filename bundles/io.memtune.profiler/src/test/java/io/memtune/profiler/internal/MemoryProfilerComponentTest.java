package io.memtune.profiler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;

import io.memtune.api.profiler.MemorySnapshot;
import io.memtune.api.profiler.ProfileKind;

class MemoryProfilerComponentTest {

    /** The name the alert rule {@code profiler-capture-failures} reads: spelled out, as the rule spells it. */
    static final String FAILED = "memtune.profiler.captures.failed";

    @TempDir
    Path dir;

    private MemoryProfilerComponent profiler;

    @AfterEach
    void stop() {
        if (profiler != null) {
            profiler.stop();
        }
    }

    /** A profiler whose store refuses every profile, as a full disk would (a budget of one byte). */
    static MemoryProfilerComponent failingProfiler(Path dir, Map<String, Object> settings) throws IOException {
        Map<String, Object> values = new HashMap<>(settings);
        values.put("directory", dir.resolve("profiles").toString());
        values.put("budget_bytes", 1L);
        return new MemoryProfilerComponent(Configs.of(MemoryProfilerComponent.Config.class, values), name -> null,
                name -> dir.resolve("data").resolve(name));
    }

    static Counter failedCaptures(MemoryProfilerComponent profiler) {
        MetricRegistry registry = new MetricRegistry();
        profiler.bindMetrics(registry);
        return (Counter) registry.getMetrics().get(FAILED);
    }

    @Test
    void aPeakCaptureTheStoreRefusesIsCountedAndTheProfilerGoesOn() throws Exception {
        // every snapshot is a peak, and every peak is captured
        profiler = failingProfiler(dir, Map.of("snapshot_interval_ms", 100L, "peak_occupancy", 0.0,
                "capture_min_interval_ms", 0L));
        Counter failed = failedCaptures(profiler);
        await("a failed capture", () -> failed.getCount() >= 1);
        Instant afterFailure = Instant.now();
        await("a snapshot after the failure", () -> profiler.recentSnapshots().stream().map(MemorySnapshot::time)
                .anyMatch(t -> t.isAfter(afterFailure)));
        long counted = failed.getCount();
        await("the next capture, failing too", () -> failed.getCount() > counted);
        assertEquals(List.of(), profiler.profiles());
    }

    @Test
    void aFailedCaptureAskedForIsCountedButAskingForARecordingThatIsNotRunningIsNot() throws IOException {
        profiler = failingProfiler(dir, Map.of());
        Counter failed = failedCaptures(profiler);
        IOException e = assertThrows(IOException.class, () -> profiler.capture(ProfileKind.HISTOGRAM, "manual"));
        assertTrue(e.getMessage().contains("larger than the whole profile budget"), e.getMessage());
        assertEquals(1, failed.getCount());
        assertThrows(IOException.class, () -> profiler.stopRecording("manual"));
        assertThrows(IOException.class, () -> profiler.dumpRecording("manual"));
        assertEquals(1, failed.getCount(), "a usage error is no sign of a full disk");
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(10);
        }
    }
}
