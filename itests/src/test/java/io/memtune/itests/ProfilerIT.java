package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

import io.memtune.api.profiler.MemoryProfiler;
import io.memtune.api.profiler.ProfileInfo;
import io.memtune.api.profiler.ProfileKind;

/**
 * The profiler inside Felix with a test configuration whose allocation threshold any running JVM crosses:
 * histogram profiles appear within the snapshot interval, at most one per minimum interval, never more than
 * the file budget, each owner-readable only.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProfilerIT {

    private static final long MIN_INTERVAL_MS = 1500;

    @Inject
    private BundleContext context;

    @Inject
    private MemoryProfiler profiler;

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container("{\n"
                + "  \"io.memtune.profiler\": {\n"
                + "    \"directory\": \"" + MemtuneOptions.WORK + "/profiles\",\n"
                + "    \"snapshot.interval.ms\": 200,\n"
                + "    \"peak.allocation.rate\": 1,\n"
                + "    \"capture.min.interval.ms\": " + MIN_INTERVAL_MS + ",\n"
                + "    \"budget.files\": 2\n"
                + "  }\n}\n"));
    }

    @Test
    public void aThresholdCrossingCapturesHistogramsWithinTheIntervalAndTheBudget() throws Exception {
        List<byte[]> load = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        while (System.nanoTime() < deadline) { // an allocating load
            load.add(new byte[64 * 1024]);
            if (load.size() > 200) {
                load.clear();
            }
            Thread.sleep(1);
        }
        List<ProfileInfo> profiles = profiler.profiles();
        assertFalse("captured during the peak", profiles.isEmpty());
        assertEquals("6 s of peak at one capture per 1.5 s, budget 2", 2, profiles.size());
        ProfileInfo newest = profiles.get(0);
        assertEquals(ProfileKind.HISTOGRAM, newest.kind());
        assertTrue(newest.trigger(), newest.trigger().startsWith("allocation rate"));
        assertFalse(newest.summary().isEmpty());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(newest.file()))));
        long apart = profiles.get(0).time().toEpochMilli() - profiles.get(1).time().toEpochMilli();
        // a profile's time is when its capture finished, and a histogram on a busy machine takes a few hundred ms:
        // the interval is kept between the decisions, so the finished times may come somewhat closer
        assertTrue("captures " + apart + " ms apart, minimum " + MIN_INTERVAL_MS, apart >= MIN_INTERVAL_MS - 500);
        // a capture still being written may briefly add its files before the budget removes the oldest
        Path directory = new Workspace(context).work().resolve("profiles");
        Workspace.await("at most 2 profiles and their descriptions on disk", Duration.ofSeconds(10), () -> {
            try (var files = Files.list(directory)) {
                return files.count() <= 4;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    public void snapshotsAreTakenOnTheInterval() throws Exception {
        Workspace.await("a few snapshots", Duration.ofSeconds(10), () -> profiler.recentSnapshots().size() >= 3);
        assertTrue(profiler.snapshot().heapMax() > 0);
    }
}
