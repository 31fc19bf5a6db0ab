package io.memtune.tuner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.memtune.api.tuner.MemoryWindow;
import io.memtune.api.tuner.Recommendation;
import io.memtune.api.tuner.TuningContext;

/** The heap, collector and JVM-memory rules against recorded memory windows. */
class FootprintRulesTest {

    private static final long MB = 1024 * 1024;
    private static final List<String> G1 = List.of("G1 Young Generation", "G1 Old Generation");
    private static final List<String> SERIAL = List.of("Copy", "MarkSweepCompact");
    private static final String UNBOUNDED = "18446744073709551615";

    /** A window with {@code live} MB measured by three full collections, over ten minutes. */
    private static MemoryWindow window(double liveMb, double allocationMbPerSecond, double youngPauseMillis, double growthKbPerSecond) {
        long live = (long) (liveMb * MB);
        return new MemoryWindow(Duration.ofMinutes(10), 400, 3, live, live, Duration.ofSeconds(5), allocationMbPerSecond * MB, 0.01,
                youngPauseMillis, 3.0, growthKbPerSecond * 1024, 27 * MB, 24 * MB, 90, 400 * MB, 300 * MB);
    }

    private static Map<String, String> g1Flags() {
        Map<String, String> flags = new HashMap<>(Map.of("UseG1GC", "true", "UseStringDeduplication", "true", "G1PeriodicGCInterval",
                "0", "InitialHeapSize", String.valueOf(256 * MB), "MaxMetaspaceSize", UNBOUNDED, "ReservedCodeCacheSize",
                String.valueOf(240 * MB)));
        return flags;
    }

    private static TuningContext context(int cores, long containerLimit, int java, List<String> collector, Map<String, String> flags,
            long heapMax, MemoryWindow window) {
        return new TuningContext(cores, containerLimit, java, collector, flags, heapMax, window.liveLatest(), window.gcOverhead(),
                window.allocationRate(), 0.3, 60, List.of(), List.of(), List.of(), Map.of(), Map.of(), window);
    }

    /** The shipped flags (G1, 256 MB to 512 MB) with a measured window. */
    private static TuningContext shipped(MemoryWindow window) {
        return context(2, -1, 17, G1, g1Flags(), 512 * MB, window);
    }

    private static Recommendation only(String rule, TuningContext c) {
        List<Recommendation> out = BuiltInRules.all().stream().filter(r -> r.name().equals(rule)).findFirst().orElseThrow().evaluate(c);
        assertEquals(1, out.size(), rule + ": " + out);
        return out.get(0);
    }

    private static List<Recommendation> of(String rule, TuningContext c) {
        return BuiltInRules.all().stream().filter(r -> r.name().equals(rule)).findFirst().orElseThrow().evaluate(c);
    }

    @Test
    void theHeapIsThreeTimesTheLivePeak() {
        Recommendation r = only("heap-size", shipped(window(36, 100, 2, 10)));
        assertEquals("-Xmx", r.setting());
        assertEquals("512m", r.current());
        assertEquals("112m", r.proposed(), "3 x 36 MB, in steps of 8 MB");
        assertTrue(r.rationale().contains("live peak (36 MB after 3 whole-heap collections"), r.rationale());
    }

    @Test
    void aHighAllocationRateGrowsTheYoungGenerationAndTheHeapWithIt() {
        // young collections of 5 ms each must stay under 5 % of the time: 2500 MB/s x 5 ms / 5 % = 250 MB young
        Recommendation r = only("heap-size", shipped(window(20, 2500, 5, 10)));
        assertEquals("752m", r.proposed(), r.rationale());
        assertTrue(r.rationale().contains("250 MB"), r.rationale());
    }

    @Test
    void theHeapNeverGoesBelowTheFloor() {
        assertEquals("64m", only("heap-size", shipped(window(5, 10, 1, 1))).proposed());
    }

    @Test
    void aHeapWithinTenPercentOfTheProposalIsLeftAlone() {
        assertEquals(List.of(), of("heap-size", context(2, -1, 17, G1, g1Flags(), 104 * MB, window(36, 100, 2, 10))));
    }

    @Test
    void withoutAWholeHeapCollectionNeitherHeapNorCollectorIsSized() {
        MemoryWindow young = new MemoryWindow(Duration.ofMinutes(10), 400, 0, -1, -1, null, 100.0 * MB, 0.01, 2, Double.NaN, 1024,
                27 * MB, 24 * MB, 90, 400 * MB, 300 * MB);
        TuningContext c = shipped(young);
        assertEquals(List.of(), of("heap-size", c), "a roomy heap: the live set is unknown, so no smaller one");
        assertEquals(List.of(), of("collector", c));
        assertEquals(List.of(), of("initial-heap", c));
    }

    @Test
    void aSmallLiveSetThatGrowsSlowlyGetsTheSerialCollector() {
        Recommendation r = only("collector", shipped(window(36, 100, 2, 10)));
        assertEquals("-XX:+UseSerialGC", r.setting());
        assertEquals("G1", r.current());
        assertEquals("Serial", r.proposed());
        assertTrue(r.rationale().contains("live peak 36 MB") && r.rationale().contains("about 108 ms"), r.rationale());
    }

    @Test
    void withSerialTheOldGenerationHoldsTheGrowthBetweenRareFullCollections() {
        // a full collection of 108 ms at most 0.1 % of the time: every 108 s, in which 400 KB/s fill 42 MB
        TuningContext c = shipped(window(36, 100, 2, 400));
        assertEquals("Serial", only("collector", c).proposed());
        Recommendation heap = only("heap-size", c);
        assertEquals("120m", heap.proposed(), "(36 + 42) MB as two thirds of the heap");
        assertTrue(heap.rationale().contains("42 MB of growth"), heap.rationale());
    }

    @Test
    void aLiveSetAbove100MbStaysOnG1() {
        assertEquals(List.of(), of("collector", shipped(window(150, 100, 2, 10))));
        TuningContext serial = context(2, -1, 17, SERIAL, Map.of("MaxMetaspaceSize", UNBOUNDED), 512 * MB, window(150, 100, 2, 10));
        assertEquals("-XX:+UseG1GC", only("collector", serial).setting());
    }

    @Test
    void aJvmOnSerialStaysOnItWithALargerMarginSoTheProposalDoesNotFlip() {
        // 800 KB/s: Serial needs 184 MB, 64 % more than the 112 MB of the live set alone
        assertEquals(List.of(), of("collector", shipped(window(36, 100, 2, 800))), "from G1: more than 50 % more, stay");
        TuningContext serial = context(2, -1, 17, SERIAL, Map.of("MaxMetaspaceSize", UNBOUNDED), 184 * MB, window(36, 100, 2, 800));
        assertEquals(List.of(), of("collector", serial), "on Serial: up to 100 % more, stay");
        assertEquals(List.of(), of("heap-size", serial), "and its heap is the one it needs");
    }

    @Test
    void aLiveSetNearTheLimitDoesNotMoveAJvmOffSerial() {
        TuningContext serial = context(2, -1, 17, SERIAL, Map.of("MaxMetaspaceSize", UNBOUNDED), 336 * MB, window(111, 100, 2, 10));
        assertEquals(List.of(), of("collector", serial), "111 MB on Serial: stays, up to 125 MB");
        TuningContext larger = context(2, -1, 17, SERIAL, Map.of("MaxMetaspaceSize", UNBOUNDED), 392 * MB, window(130, 100, 2, 10));
        assertEquals("-XX:+UseG1GC", only("collector", larger).setting());
        assertEquals(List.of(), of("collector", shipped(window(111, 100, 2, 10))), "and from G1 it does not go to Serial");
    }

    @Test
    void anOldGenerationThatGrowsFastStaysOnG1() {
        // at 1 MB/s Serial would need 108 MB of room above the live set: a 216 MB heap, not 112 MB
        assertEquals(List.of(), of("collector", shipped(window(36, 100, 2, 1024))));
        assertEquals("112m", only("heap-size", shipped(window(36, 100, 2, 1024))).proposed());
    }

    @Test
    void oneCoreGetsTheSerialCollectorWhateverTheLiveSet() {
        TuningContext c = context(1, -1, 17, G1, g1Flags(), 512 * MB, window(150, 100, 2, 1024));
        assertTrue(only("collector", c).rationale().startsWith("one core"));
    }

    @Test
    void theInitialHeapComesDownToTheLiveSet() {
        Recommendation r = only("initial-heap", shipped(window(36, 100, 2, 10)));
        assertEquals("256m", r.current());
        assertEquals("40m", r.proposed());
        Map<String, String> small = g1Flags();
        small.put("InitialHeapSize", String.valueOf(16 * MB));
        assertEquals(List.of(), of("initial-heap", context(2, -1, 17, G1, small, 512 * MB, window(36, 100, 2, 10))),
                "a heap that starts small is left alone");
    }

    @Test
    void inAContainerTheHeapIsCutToWhatTheLimitLeaves() {
        // resident peak 400 MB with 300 MB of heap: 100 MB besides the heap, + 25 % = 125 MB; 256 - 125 = 131 MB
        TuningContext c = context(2, 256 * MB, 17, G1, g1Flags(), 512 * MB, window(50, 100, 2, 10));
        Recommendation r = only("heap-size", c);
        assertEquals("128m", r.proposed(), r.rationale());
        assertEquals(List.of(), of("container-memory", c), "the measured rule decides");
    }

    @Test
    void aContainerTooSmallForTheLiveSetIsReported() {
        TuningContext c = context(2, 200 * MB, 17, G1, g1Flags(), 512 * MB, window(50, 100, 2, 10));
        Recommendation r = only("heap-size", c);
        assertEquals("152m", r.proposed());
        assertTrue(r.rationale().contains("raise the limit to at least 277 MB"), r.rationale());
    }

    @Test
    void leavingG1OnJdk17DropsStringDeduplicationAndPeriodicCollections() {
        TuningContext c = shipped(window(36, 100, 2, 10));
        assertEquals("-XX:-UseStringDeduplication", only("string-deduplication", c).setting());
        assertEquals(List.of(), of("idle-heap-return", c), "a G1 flag is no proposal for a Serial heap");
        TuningContext on21 = context(2, -1, 21, G1, g1Flags(), 512 * MB, window(36, 100, 2, 10));
        assertEquals(List.of(), of("string-deduplication", on21), "Serial deduplicates from JDK 18");
    }

    @Test
    void optimizedTemplatesAreNotToldToDeduplicateTheirStringsAgain() {
        Map<String, String> flags = g1Flags();
        flags.put("UseStringDeduplication", "false");
        TuningContext plain = new TuningContext(2, -1, 17, G1, flags, 512 * MB, 100 * MB, 0.01, 1e6, 0.3, 60, List.of(), List.of(),
                List.of(new io.memtune.api.template.CacheTier("memory", 500, 10 * MB, 64 * MB, 10, 1, 0)),
                Map.of("io.memtune.template/mode", "baseline"), Map.of());
        assertEquals("-XX:+UseStringDeduplication", only("string-deduplication", plain).setting());
        TuningContext optimized = new TuningContext(2, -1, 17, G1, flags, 512 * MB, 100 * MB, 0.01, 1e6, 0.3, 60, List.of(), List.of(),
                plain.cacheTiers(), Map.of("io.memtune.template/mode", "optimized"), Map.of());
        assertEquals(List.of(), of("string-deduplication", optimized));
    }

    @Test
    void metaspaceIsBoundedAtTwiceItsPeak() {
        Recommendation r = only("metaspace-bound", shipped(window(36, 100, 2, 10)));
        assertEquals("-XX:MaxMetaspaceSize", r.setting());
        assertEquals("64m", r.proposed(), "2 x 27 MB is under the 64 MB floor");
        Map<String, String> bounded = g1Flags();
        bounded.put("MaxMetaspaceSize", String.valueOf(128 * MB));
        assertEquals(List.of(), of("metaspace-bound", context(2, -1, 17, G1, bounded, 512 * MB, window(36, 100, 2, 10))));
    }

    @Test
    void theCodeCacheIsBoundedOnlyInAContainer() {
        assertEquals(List.of(), of("code-cache-bound", shipped(window(36, 100, 2, 10))));
        TuningContext c = context(2, 1024 * MB, 17, G1, g1Flags(), 512 * MB, window(36, 100, 2, 10));
        assertEquals("48m", only("code-cache-bound", c).proposed(), "2 x 24 MB");
    }

    @Test
    void nativeMemoryIsTrimmedWhereTheJvmCanDoIt() {
        Map<String, String> flags = g1Flags();
        assertEquals(List.of(), of("native-heap-trim", shipped(window(36, 100, 2, 10))), "a JVM without the flag");
        flags.put("TrimNativeHeapInterval", "0");
        Recommendation r = only("native-heap-trim", context(2, -1, 17, G1, flags, 512 * MB, window(36, 100, 2, 10)));
        assertEquals("5000", r.proposed());
        assertTrue(r.rationale().contains("400 MB resident"), r.rationale());
    }

    @Test
    void aJvmAlreadySizedFromItsLiveSetGetsNoFootprintRecommendation() {
        Map<String, String> flags = new HashMap<>(Map.of("UseSerialGC", "true", "InitialHeapSize", String.valueOf(40 * MB),
                "MaxMetaspaceSize", String.valueOf(64 * MB), "ReservedCodeCacheSize", String.valueOf(240 * MB),
                "TrimNativeHeapInterval", "5000", "UseStringDeduplication", "false"));
        TuningContext tuned = context(2, -1, 17, SERIAL, flags, 112 * MB, window(36, 100, 2, 10));
        List<Recommendation> all = BuiltInRules.all().stream().flatMap(r -> r.evaluate(tuned).stream()).toList();
        assertEquals(List.of(), all);
    }
}
