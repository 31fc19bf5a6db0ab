package io.memtune.tuner.core;

import java.util.Locale;
import java.util.Optional;

import io.memtune.api.tuner.MemoryWindow;
import io.memtune.api.tuner.TuningContext;

/**
 * The heap and the collector sized from the measured live set: one plan that the heap, initial-heap and collector
 * rules (and the rules about G1-only flags) all follow, so that the jvm.options they propose together agree.
 *
 * <p>The rule, with the measurements it takes from the {@link MemoryWindow}:
 * <ul>
 * <li><b>The collector</b>: Serial on one core (G1's concurrent work has no core of its own there) or when the live
 * peak is at most {@value #SERIAL_LIVE_MAX_MB} MB (Oracle's guidance for the Serial collector: "a small data set, up to
 * approximately 100 MB"), provided the heap Serial needs (below) is at most {@value #SERIAL_HEAP_SLACK_PERCENT} % more
 * than the heap of the live set alone; G1 otherwise. A JVM already on Serial stays on it up to a live peak of
 * {@value #SERIAL_LIVE_MAX_STAYING_MB} MB and {@value #SERIAL_HEAP_SLACK_STAYING_PERCENT} % more heap: its small young
 * generation promotes more, and a live set measured near the limit moves across it between runs, so without a margin
 * the proposal would flip at every restart. On a small heap G1's own structures (remembered sets, card table,
 * marking bitmaps: 47 MB of native memory next to a 256 MB heap, measured with NMT on memtune) and its barriers on
 * every reference write cost more than Serial's rare full collections.</li>
 * <li><b>-Xmx</b> = 3 x max(live peak, young generation needed), at least {@value #FLOOR_MB} MB, in steps of
 * {@value #STEP_MB} MB. Three times the live set is the classic sizing (old generation twice the live set after a
 * full collection, young generation about as much again: Hunt and John, <i>Java Performance</i>, ch. 7), and with
 * the Serial collector's default {@code NewRatio=2} the young generation is a third of the heap. The young generation
 * needed keeps young collections under {@value #YOUNG_GC_SHARE_PERCENT} % of the time at the measured allocation rate
 * and young pause: collections come rate / young size times a second and take the pause each, so young size =
 * rate x pause / share.</li>
 * <li>With Serial, the heap is also large enough that full collections stop the application at most
 * {@value #FULL_GC_SHARE_PERMILLE} per mille of the time, so that not even the 99.9th percentile of response times
 * meets one: a full collection takes the live peak times the measured time per MB of a whole-heap collection (as one
 * thread), and comes when the old generation's measured growth (the median over the window's intervals) has filled
 * the room above the live set; the old generation (two thirds of the heap) holds the live set plus the growth of
 * pause / share seconds.</li>
 * <li>In a container, the heap must also fit what the memory limit leaves after the JVM's other memory (the resident
 * peak minus the committed heap, as measured, plus a quarter for headroom): a proposal above that is cut to it while
 * it stays at least twice the live set, else the limit is reported as too small.</li>
 * <li><b>-Xms</b> = the live peak (at least {@value #INITIAL_MIN_MB} MB): a heap committed up front becomes resident
 * once it is touched; starting at the live set, the heap grows to what the load needs.</li>
 * </ul>
 *
 * @param maxHeap the proposed -Xmx, bytes
 * @param initialHeap the proposed -Xms, bytes
 * @param serial whether the Serial collector is proposed (else G1)
 * @param heapReason the figures behind -Xmx
 * @param initialReason the figures behind -Xms
 * @param collectorReason the figures behind the collector
 */
public record JvmSizing(long maxHeap, long initialHeap, boolean serial, String heapReason, String initialReason,
        String collectorReason) {

    static final long MB = 1024 * 1024;
    static final int FLOOR_MB = 64;
    static final int STEP_MB = 8;
    static final int INITIAL_MIN_MB = 16;
    static final int LIVE_FACTOR = 3;
    static final int YOUNG_GC_SHARE_PERCENT = 5;
    static final int SERIAL_LIVE_MAX_MB = 100;
    /** Already on Serial, it stays up to this live peak (a live set measured near the limit moves across it between runs). */
    static final int SERIAL_LIVE_MAX_STAYING_MB = 125;
    static final int SERIAL_HEAP_SLACK_PERCENT = 50;
    /** Already on Serial, it stays while its heap is at most this much more (so that the proposal does not flip back and forth). */
    static final int SERIAL_HEAP_SLACK_STAYING_PERCENT = 100;
    static final int FULL_GC_SHARE_PERMILLE = 1;
    /** Headroom on the measured memory besides the heap when fitting a container's limit. */
    static final double NON_HEAP_HEADROOM = 1.25;

    /** The plan, or empty when no whole-heap collection in the window measured the live set. */
    public static Optional<JvmSizing> of(TuningContext c) {
        MemoryWindow m = c.memory();
        if (!m.liveMeasured()) {
            return Optional.empty();
        }
        long live = m.livePeak();
        boolean youngMeasured = !Double.isNaN(m.allocationRate()) && !Double.isNaN(m.youngPauseMillis());
        long young = youngMeasured ? (long) (m.allocationRate() * m.youngPauseMillis() / 1000.0 / (YOUNG_GC_SHARE_PERCENT / 100.0)) : 0;
        long heap = roundUp(Math.max(FLOOR_MB * MB, LIVE_FACTOR * Math.max(live, young)));
        String heapReason = fmt("%d x the larger of the live peak (%s after %d whole-heap collection%s in %s) and the young"
                + " generation that keeps young collections under %d %% of the time (%s: %s/s allocated x %.1f ms a pause / %d %%),"
                + " at least %d MB", LIVE_FACTOR, mb(live), m.liveCollections(), m.liveCollections() == 1 ? "" : "s",
                minutes(m.window().toMillis()), YOUNG_GC_SHARE_PERCENT, youngMeasured ? mb(young) : "not measured",
                youngMeasured ? mb((long) m.allocationRate()) : "?", youngMeasured ? m.youngPauseMillis() : Double.NaN,
                YOUNG_GC_SHARE_PERCENT, FLOOR_MB);

        double pause = m.fullPauseMillisPerMb() * live / MB; // measured: the live set comes from a whole-heap collection
        double growth = Double.isNaN(m.oldGrowthRate()) ? 0 : Math.max(0, m.oldGrowthRate());
        long room = (long) (growth * pause / FULL_GC_SHARE_PERMILLE); // grown in pause / (share / 1000) ms
        long serialHeap = roundUp(Math.max(heap, (live + room) * 3 / 2));
        boolean onSerial = FootprintTexts.collector(c).equals("Serial");
        int slack = onSerial ? SERIAL_HEAP_SLACK_STAYING_PERCENT : SERIAL_HEAP_SLACK_PERCENT;
        long liveMax = (onSerial ? SERIAL_LIVE_MAX_STAYING_MB : SERIAL_LIVE_MAX_MB) * MB;
        boolean serial = c.cores() <= 1 || live <= liveMax && serialHeap <= heap * (100 + slack) / 100;
        String fullGc = fmt("a Serial full collection of the live peak takes about %.0f ms (%.1f ms per MB measured); the old"
                + " generation grows %s/s, so %s above the live set keep full collections to %.1f %% of the time", pause,
                m.fullPauseMillisPerMb(), mb((long) growth), mb(room), FULL_GC_SHARE_PERMILLE / 10.0);
        String collectorReason;
        if (c.cores() <= 1) {
            collectorReason = "one core: G1's concurrent marking and refinement would take it from the requests; " + fullGc;
        } else if (serial) {
            collectorReason = fmt("live peak %s, up to %d MB (Oracle's guidance for Serial: a small data set); %s, in a heap of %s"
                    + " (at most %d %% more than the live set alone needs): no G1 structures next to the heap", mb(live),
                    liveMax / MB, fullGc, mb(serialHeap), slack);
        } else {
            collectorReason = live > liveMax
                    ? fmt("live peak %s, above the %d MB up to which Serial's full collections stay short", mb(live), liveMax / MB)
                    : fmt("%s: Serial would need a heap of %s, more than %d %% above the %s of the live set alone", fullGc,
                            mb(serialHeap), slack, mb(heap));
        }
        if (serial && serialHeap > heap) {
            heap = serialHeap;
            heapReason += fmt("; with Serial, two thirds of it hold the live peak and %s of growth between full collections", mb(room));
        }
        if (c.containerMemoryLimit() > 0 && m.residentPeak() > 0 && m.heapCommittedPeak() > 0) {
            long nonHeap = Math.max(0, m.residentPeak() - m.heapCommittedPeak());
            long budget = c.containerMemoryLimit() - (long) (nonHeap * NON_HEAP_HEADROOM);
            String limit = mb(c.containerMemoryLimit());
            if (heap > budget && budget >= 2 * live) {
                heap = roundDown(budget);
                heapReason += fmt("; cut to what the container's %s leave after the JVM's other memory (%s measured, + 25 %%)",
                        limit, mb(nonHeap));
            } else if (heap > budget) {
                heapReason += fmt("; the container's %s leave only %s after the JVM's other memory (%s measured, + 25 %%): raise"
                        + " the limit to at least %s", limit, mb(Math.max(0, budget)), mb(nonHeap),
                        mb(heap + (long) (nonHeap * NON_HEAP_HEADROOM)));
            } else {
                heapReason += fmt("; it fits the container's %s with the JVM's other memory (%s measured)", limit, mb(nonHeap));
            }
        }
        long initial = Math.min(heap, roundUp(Math.max(INITIAL_MIN_MB * MB, live)));
        String initialReason = fmt("the live peak (%s), at least %d MB: committed heap becomes resident once touched, so the heap"
                + " starts at the live set and grows to what the load needs, up to -Xmx", mb(live), INITIAL_MIN_MB);
        return Optional.of(new JvmSizing(heap, initial, serial, heapReason, initialReason, collectorReason));
    }

    static long roundUp(long bytes) {
        long step = STEP_MB * MB;
        return (bytes + step - 1) / step * step;
    }

    static long roundDown(long bytes) {
        long step = STEP_MB * MB;
        return bytes / step * step;
    }

    /** A JVM size option's value: whole megabytes. */
    static String option(long bytes) {
        return (bytes + MB - 1) / MB + "m";
    }

    static String mb(long bytes) {
        if (bytes < MB) {
            return fmt("%d KB", bytes / 1024);
        }
        return bytes < 10 * MB ? fmt("%.1f MB", bytes / (double) MB) : fmt("%d MB", Math.round(bytes / (double) MB));
    }

    static String minutes(long millis) {
        return millis < 120_000 ? fmt("%d s", millis / 1000) : fmt("%.0f min", millis / 60_000.0);
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
