package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

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
}
