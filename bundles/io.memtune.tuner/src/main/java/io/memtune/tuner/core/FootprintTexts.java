package io.memtune.tuner.core;

import static io.memtune.tuner.core.JvmSizing.fmt;
import static io.memtune.tuner.core.JvmSizing.mb;
import static io.memtune.tuner.core.JvmSizing.minutes;

import java.util.ArrayList;
import java.util.List;

import io.memtune.api.tuner.MemoryWindow;
import io.memtune.api.tuner.TuningContext;

/** How the memory window reads to an operator: the header of a proposed jvm.options, the answer of {@code --collect}. */
public final class FootprintTexts {

    private FootprintTexts() {
    }

    /** Whether a heap pool is an old generation (Serial's "Tenured Gen", "G1 Old Gen", "PS Old Gen", ...). */
    public static boolean isOldGeneration(String poolName) {
        return poolName.contains("Old") || poolName.contains("Tenured");
    }

    /** The collector in use, as a proposal names it: Serial, Parallel, G1, or the JVM's names for another. */
    public static String collector(TuningContext c) {
        if (c.collector().stream().anyMatch(n -> n.equals("Copy") || n.equals("MarkSweepCompact"))) {
            return "Serial";
        }
        if (c.collector().stream().anyMatch(n -> n.startsWith("PS "))) {
            return "Parallel";
        }
        return c.collector().stream().anyMatch(n -> n.startsWith("G1 ")) ? "G1" : String.join("+", c.collector());
    }

    /** The window's figures in a few lines of text. */
    public static List<String> describe(MemoryWindow m) {
        List<String> lines = new ArrayList<>();
        lines.add(fmt("Measured over the last %s: %d collections, GC pauses %.1f %% of the time, young pauses %s, allocation up"
                + " to %s/s, old generation growth %s/s (typical: medians of 10 s intervals).", minutes(m.window().toMillis()),
                m.collections(), m.gcOverhead() * 100, Double.isNaN(m.youngPauseMillis()) ? "none" : fmt("%.1f ms", m.youngPauseMillis()),
                Double.isNaN(m.allocationRate()) ? "?" : mb((long) m.allocationRate()),
                Double.isNaN(m.oldGrowthRate()) ? "?" : mb((long) m.oldGrowthRate())));
        if (m.liveMeasured()) {
            lines.add(fmt("Live set (heap after a whole-heap collection): peak %s, latest %s (%s ago), from %d collection%s%s.",
                    mb(m.livePeak()), mb(m.liveLatest()), minutes(m.liveLatestAge().toMillis()), m.liveCollections(),
                    m.liveCollections() == 1 ? "" : "s", Double.isNaN(m.fullPauseMillisPerMb()) ? ""
                            : fmt("; %.1f ms per MB of live set, as one thread", m.fullPauseMillisPerMb())));
        } else {
            lines.add("No whole-heap collection in the window measured the live set, so neither the heap nor the collector is"
                    + " proposed: ask again with --collect under representative load (one full collection, a pause of roughly"
                    + " a millisecond per MB of live set).");
        }
        lines.add(fmt("Besides the heap: metaspace %s, code cache %s (peaks), %s threads at most; resident peak %s with %s of heap"
                + " committed.", size(m.metaspaceUsed()), size(m.codeCacheUsed()), m.threadsPeak() < 0 ? "?" : m.threadsPeak(),
                size(m.residentPeak()), size(m.heapCommittedPeak())));
        return lines;
    }

    private static String size(long bytes) {
        return bytes < 0 ? "?" : mb(bytes);
    }
}
