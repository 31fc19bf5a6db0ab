package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatsTest {

    @Test
    void readsThisProcesssCpuTimeAndPeakResidentMemory() throws IOException {
        long pid = ProcessHandle.current().pid();
        long before = ProcStats.cpuNanos(pid);
        long spin = 0;
        for (long end = System.nanoTime() + 300_000_000L; System.nanoTime() < end;) {
            spin++;
        }
        long after = ProcStats.cpuNanos(pid);
        assertTrue(after - before >= 100_000_000L, "spun 300 ms, CPU counted " + (after - before) / 1_000_000 + " ms (" + spin + ")");
        long rss = ProcStats.peakRss(pid);
        assertTrue(rss > 10L << 20 && rss < 64L << 30, "peak RSS " + rss);
    }

    @Test
    void countsThisProcesssThreadsResidentMemoryAndOpenFiles(@TempDir Path dir) throws IOException {
        long pid = ProcessHandle.current().pid();
        // the kernel counts every thread: the JVM's own (GC, compiler) besides the Java ones
        long threads = ProcStats.threads(pid);
        assertTrue(threads > Thread.activeCount(), threads + " threads, " + Thread.activeCount() + " of them in Java's main group");
        long rss = ProcStats.rss(pid);
        assertTrue(rss > 10L << 20 && rss <= ProcStats.peakRss(pid), "RSS " + rss);
        Path file = Files.writeString(dir.resolve("open.txt"), "x");
        long files = ProcStats.openFiles(pid);
        try (InputStream open = Files.newInputStream(file); InputStream again = Files.newInputStream(file)) {
            // two more, whatever else the JVM opens or closes meanwhile (it opens few files of its own once started)
            assertTrue(ProcStats.openFiles(pid) >= files + 1, "two files more open");
        }
    }
}
