package io.memtune.tuner.core;

import static io.memtune.tuner.core.JvmSizing.MB;
import static io.memtune.tuner.core.JvmSizing.fmt;
import static io.memtune.tuner.core.JvmSizing.mb;
import static io.memtune.tuner.core.JvmSizing.option;

import java.util.List;
import java.util.Optional;

import io.memtune.api.template.CacheTier;
import io.memtune.api.tuner.MemoryWindow;
import io.memtune.api.tuner.Recommendation;
import io.memtune.api.tuner.Recommendation.Kind;
import io.memtune.api.tuner.TuningContext;

/**
 * The rules about the JVM's memory: the heap and the collector (from the measured live set, {@link JvmSizing}), the
 * flags that only one collector knows, metaspace and code cache bounds, native memory, object headers. All of them
 * are JVM options: they take effect at the next start, through {@code memtune:tune --jvm-options}.
 */
final class FootprintRules {

    /** A proposal within this share of the value in force is not worth a restart. */
    static final double WORTH_CHANGING = 0.10;
    /** The interval proposed for returning freed native memory to the operating system. */
    static final String TRIM_INTERVAL_MS = "5000";

    private FootprintRules() {
    }

    /**
     * -Xmx from the measured live set ({@link JvmSizing}); without a whole-heap collection in the window, only the
     * case that needs no live set: the live set fills the heap, or GC takes a real share of time while it is large.
     * GC time with a small live set (start-up, a burst of short-lived garbage) is not cured by a bigger heap.
     */
    static List<Recommendation> heapSize(TuningContext c) {
        Optional<JvmSizing> plan = JvmSizing.of(c);
        if (plan.isPresent()) {
            long proposed = plan.get().maxHeap();
            if (!differs(c.heapMax(), proposed)) {
                return List.of();
            }
            return List.of(new Recommendation("heap-size", "heap-size", Kind.JVM_OPTION, "-Xmx", option(c.heapMax()), option(proposed),
                    plan.get().heapReason(), proposed < c.heapMax() ? "a smaller resident set: the heap the live set needs, not more"
                            : "fewer, shorter collections", confidence(c.memory()), null, true));
        }
        double occupancy = c.heapMax() > 0 ? (double) c.heapUsedAfterGc() / c.heapMax() : 0;
        boolean full = occupancy >= 0.7;
        boolean busyGc = c.gcOverhead() >= 0.05 && occupancy >= 0.4;
        if (c.containerMemoryLimit() > 0 || !full && !busyGc) {
            return List.of(); // in a container, the container rule decides
        }
        long proposed = (long) (c.heapMax() * 1.5 / MB);
        return List.of(new Recommendation("heap-size", "heap-size", Kind.JVM_OPTION, "-Xmx", c.heapMax() / MB + "m",
                proposed + "m", fmt("after GC the live set takes %.0f%% of the heap and GC %.1f%% of the time", occupancy * 100,
                        c.gcOverhead() * 100), "fewer, shorter collections", 0.6, null, true));
    }

    /** -Xms down to the live set, when the heap starts larger than that (never up: a small start costs nothing). */
    static List<Recommendation> initialHeap(TuningContext c) {
        Optional<JvmSizing> plan = JvmSizing.of(c);
        long current = parse(c.jvmFlags().get("InitialHeapSize"), -1);
        if (plan.isEmpty() || current <= 0 || current <= plan.get().initialHeap() * (1 + WORTH_CHANGING)) {
            return List.of();
        }
        return List.of(new Recommendation("initial-heap", "initial-heap", Kind.JVM_OPTION, "-Xms", option(current),
                option(plan.get().initialHeap()), plan.get().initialReason(), "a smaller resident set at low load", confidence(c.memory()),
                null, true));
    }

    /**
     * Serial or G1 by the measured live set and old-generation growth ({@link JvmSizing}); without a whole-heap
     * collection in the window, nothing: the choice needs the live set.
     */
    static List<Recommendation> collector(TuningContext c) {
        Optional<JvmSizing> plan = JvmSizing.of(c);
        if (plan.isEmpty()) {
            return List.of();
        }
        String current = FootprintTexts.collector(c);
        String proposed = plan.get().serial() ? "Serial" : "G1";
        if (current.equals(proposed)) {
            return List.of();
        }
        return List.of(new Recommendation("collector", "collector", Kind.JVM_OPTION, plan.get().serial() ? "-XX:+UseSerialGC"
                : "-XX:+UseG1GC", current, proposed, plan.get().collectorReason(), plan.get().serial()
                        ? "no G1 structures (remembered sets, card table, marking bitmaps) and no G1 barriers on every reference write"
                        : "collections of the old generation in the background, pauses near -XX:MaxGCPauseMillis",
                confidence(c.memory()), null, true));
    }

    /** Whether the heap plan leaves G1 (so G1's own flags mean nothing, or nothing good, at the next start). */
    static boolean leavesG1(TuningContext c) {
        return JvmSizing.of(c).map(JvmSizing::serial).orElse(false);
    }

    /**
     * In a container the heap is what is left of the limit after metaspace, code cache, thread stacks and
     * direct memory (the Cloud Foundry memory calculator's sum): the fallback while no whole-heap collection has
     * measured the live set (then {@link #heapSize} fits the limit with the JVM's measured other memory).
     */
    static List<Recommendation> containerMemory(TuningContext c) {
        if (c.containerMemoryLimit() <= 0 || c.memory().liveMeasured()) {
            return List.of();
        }
        long metaspace = 96 * MB;
        long codeCache = parse(c.jvmFlags().get("ReservedCodeCacheSize"), 240 * MB);
        long stacks = (long) Math.max(50, c.threads()) * MB;
        long direct = Math.min(parse(c.jvmFlags().get("MaxDirectMemorySize"), 0), c.containerMemoryLimit() / 10);
        long budget = c.containerMemoryLimit() - metaspace - codeCache - stacks - Math.max(direct, 32 * MB);
        long heap = c.heapMax();
        if (budget <= 0 || Math.abs(heap - budget) < budget / 10) {
            return List.of();
        }
        return List.of(new Recommendation("container-memory", "container-memory", Kind.JVM_OPTION, "-Xmx", heap / MB + "m",
                budget / MB + "m", fmt("the container allows %d MB: minus metaspace %d, code cache %d, %d thread stacks %d"
                        + " and direct memory, %d MB are left for the heap", c.containerMemoryLimit() / MB, metaspace / MB,
                        codeCache / MB, c.threads(), stacks / MB, budget / MB),
                heap > budget ? "no OOM kill by the container" : "the memory paid for is used", 0.7, null, true));
    }

    /**
     * G1 can share the arrays of equal strings, common in template text and tag names. When the heap plan leaves G1
     * on JDK 17, the flag must go: the Serial collector deduplicates only from JDK 18 (on 17 the JVM warns at every
     * start and ignores it).
     */
    static List<Recommendation> stringDeduplication(TuningContext c) {
        if (leavesG1(c)) {
            if (c.javaVersion() >= 18 || !"true".equals(c.jvmFlags().get("UseStringDeduplication"))) {
                return List.of();
            }
            return List.of(new Recommendation("string-deduplication", "string-deduplication", Kind.JVM_OPTION,
                    "-XX:-UseStringDeduplication", "on", "off", fmt("the Serial collector proposed for this heap deduplicates"
                            + " strings only from JDK 18; on JDK %d the JVM warns at start and ignores the flag", c.javaVersion()),
                    "a clean start", 0.9, null, true));
        }
        boolean g1 = "true".equals(c.jvmFlags().get("UseG1GC"));
        long cached = c.cacheTiers().stream().filter(t -> t.name().equals("memory")).mapToLong(CacheTier::entries).sum();
        // optimized templates share their strings already (the optimizer's deduplication; its own rule speaks for it)
        boolean optimized = "optimized".equals(String.valueOf(c.settings().get("io.memtune.template/mode")));
        if (!g1 || optimized || !"false".equals(c.jvmFlags().get("UseStringDeduplication")) || cached < 100) {
            return List.of();
        }
        return List.of(new Recommendation("string-deduplication", "string-deduplication", Kind.JVM_OPTION,
                "-XX:+UseStringDeduplication", "off", "on", fmt("%d compiled templates hold many equal strings; G1 can"
                        + " share their arrays", cached), "a smaller live set", 0.6, null, true));
    }

    /**
     * From JDK 25, compact object headers (JEP 519, a product flag: no unlocking) save 4 bytes an object: measured on
     * plain Mustache.java's compiled templates, about 15 % of their heap.
     */
    static List<Recommendation> compactHeaders(TuningContext c) {
        if (c.javaVersion() < 25 || !"false".equals(c.jvmFlags().get("UseCompactObjectHeaders"))) {
            return List.of();
        }
        return List.of(new Recommendation("compact-object-headers", "compact-object-headers", Kind.JVM_OPTION,
                "-XX:+UseCompactObjectHeaders", "off", "on", fmt("JDK %d has product compact object headers: 8-byte headers"
                        + " instead of 12, for object-dense heaps like compiled templates", c.javaVersion()),
                "10-20% less heap for small objects", 0.5, null, true));
    }

    /** On G1 an idle JVM keeps its heap committed unless periodic collections return it. */
    static List<Recommendation> idleHeapReturn(TuningContext c) {
        if (leavesG1(c) || !"true".equals(c.jvmFlags().get("UseG1GC")) || !"0".equals(c.jvmFlags().get("G1PeriodicGCInterval"))) {
            return List.of();
        }
        return List.of(new Recommendation("idle-heap-return", "idle-heap-return", Kind.JVM_OPTION,
                "-XX:G1PeriodicGCInterval", "0", "300000", "G1 returns committed heap to the operating system only after a"
                        + " collection; at low load none happens without a periodic one", "lower RSS when idle", 0.5, null, true));
    }

    /**
     * Metaspace is unbounded by default: a class loader leak (a bundle updated while something still holds its
     * classes) grows the process until the machine or the container kills it. A bound of twice the measured peak (an
     * update of every bundle at once loads each class twice for a while), at least 64 MB, turns that into an
     * OutOfMemoryError naming Metaspace, with the heap dump of {@code -XX:+HeapDumpOnOutOfMemoryError}. It saves no
     * memory: metaspace is committed as classes are loaded, whatever the bound.
     */
    static List<Recommendation> metaspaceBound(TuningContext c) {
        long used = c.memory().metaspaceUsed();
        long bound = parse(c.jvmFlags().get("MaxMetaspaceSize"), Long.MAX_VALUE);
        if (used <= 0 || bound < 64L * 1024 * MB) {
            return List.of();
        }
        long proposed = bound(used, 64);
        return List.of(new Recommendation("metaspace-bound", "metaspace-bound", Kind.JVM_OPTION, "-XX:MaxMetaspaceSize",
                "unbounded", option(proposed), fmt("class metadata peaked at %s; twice that (an update of every bundle at once"
                        + " holds two copies of their classes for a while), at least 64 MB. A bound, not a saving: a class loader"
                        + " leak then ends in an OutOfMemoryError naming Metaspace, with a heap dump", mb(used)),
                "a leak fails clearly instead of growing the process", 0.4, null, true));
    }

    /**
     * In a container the reserved code cache (240 MB by default) is what a budget must assume the JIT may fill; a bound
     * of twice the measured peak (at least 48 MB) makes the arithmetic honest. Outside a container nothing: the
     * reservation costs no memory until code fills it, and a code cache that fills stops the JIT.
     */
    static List<Recommendation> codeCacheBound(TuningContext c) {
        long used = c.memory().codeCacheUsed();
        long reserved = parse(c.jvmFlags().get("ReservedCodeCacheSize"), 240 * MB);
        long proposed = bound(used, 48);
        if (c.containerMemoryLimit() <= 0 || used <= 0 || reserved <= proposed * (1 + WORTH_CHANGING)) {
            return List.of();
        }
        return List.of(new Recommendation("code-cache-bound", "code-cache-bound", Kind.JVM_OPTION, "-XX:ReservedCodeCacheSize",
                option(reserved), option(proposed), fmt("compiled code peaked at %s of the %s reserved; twice that, at least 48 MB,"
                        + " bounds what the container's budget must leave to the JIT", mb(used), mb(reserved)),
                "a container budget that holds", 0.4, null, true));
    }

    /**
     * glibc keeps the native memory the JVM frees (the JIT's compilations above all) for later, resident; from JDK
     * 17.0.9 and 21 the JVM can hand it back every few seconds ({@code -XX:TrimNativeHeapInterval}). Measured on
     * memtune after warm-up: one trim ({@code jcmd <pid> System.trim_native_heap}) returned 34 MB of a 206 MB process.
     * Proposed only where this JVM has the flag.
     */
    static List<Recommendation> nativeHeapTrim(TuningContext c) {
        if (!"0".equals(c.jvmFlags().get("TrimNativeHeapInterval"))) {
            return List.of();
        }
        MemoryWindow m = c.memory();
        String figures = m.residentPeak() > 0 && m.heapCommittedPeak() > 0
                ? fmt("; this process peaked at %s resident with %s of heap committed", mb(m.residentPeak()), mb(m.heapCommittedPeak()))
                : "";
        return List.of(new Recommendation("native-heap-trim", "native-heap-trim", Kind.JVM_OPTION, "-XX:TrimNativeHeapInterval",
                "0", TRIM_INTERVAL_MS, "the C library keeps native memory the JVM freed (the JIT's above all) resident until it is"
                        + " trimmed; every 5 s it goes back to the operating system (a trim takes a few ms of one thread)" + figures,
                "a smaller resident set after compilation bursts", 0.5, null, true));
    }

    private static long bound(long used, int floorMb) {
        return JvmSizing.roundUp(Math.max(floorMb * MB, 2 * used));
    }

    private static boolean differs(long current, long proposed) {
        return current <= 0 || Math.abs(proposed - current) > current * WORTH_CHANGING;
    }

    /** More whole-heap collections measured, more trust in the live peak. */
    private static double confidence(MemoryWindow m) {
        return m.liveCollections() >= 3 ? 0.7 : 0.5;
    }

    static long parse(String value, long fallback) {
        try {
            long v = Long.parseLong(value);
            return v > 0 ? v : fallback;
        } catch (NumberFormatException | NullPointerException e) {
            return fallback;
        }
    }
}
