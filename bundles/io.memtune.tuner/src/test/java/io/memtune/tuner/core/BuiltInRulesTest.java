package io.memtune.tuner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.memtune.api.concurrency.ExecutorStatistics;
import io.memtune.api.concurrency.Priority;
import io.memtune.api.concurrency.RejectedException.Reason;
import io.memtune.api.pool.PoolStatistics;
import io.memtune.api.template.CacheTier;
import io.memtune.api.tuner.Recommendation;
import io.memtune.api.tuner.TuningContext;
import io.memtune.api.tuner.TuningRule;

/** Each built-in rule against recorded states: the case it is for, and a healthy system (no change). */
class BuiltInRulesTest {

    private static final long MB = 1024 * 1024;
    private static final Map<String, String> G1_FLAGS = Map.of("UseG1GC", "true", "UseStringDeduplication", "false",
            "G1PeriodicGCInterval", "300000", "ReservedCodeCacheSize", String.valueOf(240 * MB));

    private static ExecutorStatistics executor(int workers, int max, int queued, double waitP50, double runP50, long queueFull) {
        Map<Reason, Long> rejected = new EnumMap<>(Reason.class);
        for (Reason r : Reason.values()) {
            rejected.put(r, r == Reason.QUEUE_FULL ? queueFull : 0L);
        }
        Map<Priority, ExecutorStatistics.ClassStatistics> classes = new EnumMap<>(Priority.class);
        classes.put(Priority.INTERACTIVE, new ExecutorStatistics.ClassStatistics(queued, 100, 0.8, 1000, rejected, waitP50,
                waitP50 * 2, runP50, runP50 * 2, (waitP50 + runP50) * 2));
        classes.put(Priority.BATCH, new ExecutorStatistics.ClassStatistics(0, 100, 0.2, 0, rejected, 0, 0, 0, 0, 0));
        return new ExecutorStatistics("render", workers, 1, max, max, workers, classes, false);
    }

    private static TuningContext context(List<ExecutorStatistics> executors, List<PoolStatistics> pools, List<CacheTier> tiers,
            long heapMax, long afterGc, double gcOverhead, long containerLimit, int javaVersion, Map<String, String> flags) {
        return new TuningContext(2, containerLimit, javaVersion, List.of("G1 Young Generation", "G1 Old Generation"), flags,
                heapMax, afterGc, gcOverhead, 1e6, 0.3, 60, executors, pools, tiers, Map.of(), Map.of());
    }

    /** A healthy container: workers idle, pools relaxed, cache big enough, heap roomy, flags set, pages fit the buffer. */
    private static TuningContext healthy() {
        return withSettings(context(List.of(executor(2, 8, 0, 0.2, 3.0, 0)),
                List.of(new PoolStatistics("main", "jdbc", 1, 8, 2, 1, 1, 0, 100, 0, 0, 0, 0, 0.1, 0.5, 0, 0)),
                List.of(new CacheTier("memory", 50, 10 * MB, 64 * MB, 1000, 50, 0)), 512 * MB, 100 * MB, 0.01, -1, 17,
                Map.of("UseG1GC", "true", "UseStringDeduplication", "true", "G1PeriodicGCInterval", "300000")), Map.of(),
                Map.of("memtune.template.output.chars.p99", 12_000.0));
    }

    private static List<Recommendation> all(TuningContext c) {
        return BuiltInRules.all().stream().flatMap(r -> r.evaluate(c).stream()).toList();
    }

    private static Recommendation only(String rule, TuningContext c) {
        TuningRule r = BuiltInRules.all().stream().filter(x -> x.name().equals(rule)).findFirst().orElseThrow();
        List<Recommendation> out = r.evaluate(c);
        assertEquals(1, out.size(), rule + ": " + out);
        return out.get(0);
    }

    @Test
    void aHealthySystemGetsNoRecommendation() {
        assertEquals(List.of(), all(healthy()));
    }

    @Test
    void aSaturatedExecutorGetsWorkersByLittlesLaw() {
        TuningContext c = context(List.of(executor(2, 2, 40, 30.0, 10.0, 0)), List.of(), List.of(), 512 * MB, 100 * MB, 0.01, -1,
                17, G1_FLAGS);
        Recommendation r = only("executor-workers", c);
        assertEquals("io.memtune.concurrency.executor~render/workers.max", r.setting());
        assertEquals("8", r.proposed(), "2 workers * (30 + 10) / 10");
        assertTrue(r.live());
        assertTrue(r.rationale().contains("30.0 ms") && r.rationale().contains("10.0 ms"), r.rationale());
    }

    @Test
    void onBusyCoresWorkersStopAtTheCoreCount() {
        // the wait is for the CPU, not for a worker: beyond one worker per core more workers only queue at the CPU
        TuningContext busy = withLoad(context(List.of(executor(1, 1, 15, 9.9, 0.6, 0)), List.of(), List.of(), 512 * MB,
                100 * MB, 0.01, -1, 17, G1_FLAGS), 1.4);
        assertEquals("2", only("executor-workers", busy).proposed());
        assertTrue(only("executor-workers", busy).rationale().contains("load 1.40 per core"));
        TuningContext atCores = withLoad(context(List.of(executor(2, 2, 15, 9.9, 0.6, 0)), List.of(), List.of(), 512 * MB,
                100 * MB, 0.01, -1, 17, G1_FLAGS), 1.4);
        assertEquals(List.of(), BuiltInRules.executorWorkers(atCores));
    }

    private static TuningContext withLoad(TuningContext c, double loadPerCore) {
        return new TuningContext(c.cores(), c.containerMemoryLimit(), c.javaVersion(), c.collector(), c.jvmFlags(), c.heapMax(),
                c.heapUsedAfterGc(), c.gcOverhead(), c.allocationRate(), loadPerCore, c.threads(), c.executors(), c.pools(),
                c.cacheTiers(), c.settings(), c.measurements());
    }

    @Test
    void jettyThreadsNeverFewerThanTheWorkersBehindThem() {
        TuningContext few = withSettings(context(List.of(executor(2, 64, 0, 0.2, 3.0, 0)), List.of(), List.of(), 512 * MB,
                100 * MB, 0.01, -1, 17, G1_FLAGS), Map.of("org.apache.felix.http/org.apache.felix.http.jetty.threadpool.max", 32),
                Map.of());
        assertEquals("80", only("jetty-threads", few).proposed());
    }

    @Test
    void theResponseBufferFollowsTheMeasuredPageSizes() {
        TuningContext big = withSettings(healthy(), Map.of(), Map.of("memtune.template.output.chars.p99", 60_000.0));
        Recommendation r = only("response-buffer", big);
        assertEquals("24576", r.current());
        assertEquals("131072", r.proposed(), "the next power of two above 1.25 x the p99");
        TuningContext small = withSettings(healthy(), Map.of("org.apache.felix.http/org.apache.felix.http.jetty.responseBufferSize",
                262144), Map.of("memtune.template.output.chars.p99", 3_000.0));
        assertEquals("8192", only("response-buffer", small).proposed());
        TuningContext fits = withSettings(healthy(), Map.of(), Map.of("memtune.template.output.chars.p99", 12_000.0));
        assertEquals(List.of(), BuiltInRules.responseBuffer(fits));
    }

    private static TuningContext withSettings(TuningContext c, Map<String, Object> settings, Map<String, Double> measurements) {
        return new TuningContext(c.cores(), c.containerMemoryLimit(), c.javaVersion(), c.collector(), c.jvmFlags(), c.heapMax(),
                c.heapUsedAfterGc(), c.gcOverhead(), c.allocationRate(), c.loadPerCore(), c.threads(), c.executors(), c.pools(),
                c.cacheTiers(), settings, measurements);
    }

    @Test
    void refusalsForAFullQueueWithShortWaitsGrowTheQueue() {
        TuningContext c = context(List.of(executor(2, 8, 0, 1.0, 3.0, 12)), List.of(), List.of(), 512 * MB, 100 * MB, 0.01, -1, 17,
                G1_FLAGS);
        assertEquals("200", only("executor-queue", c).proposed());
    }

    @Test
    void aStarvedJdbcPoolGrowsToAtLeastHikarisGuidance() {
        TuningContext c = context(List.of(), List.of(new PoolStatistics("main", "jdbc", 1, 2, 2, 2, 0, 5, 100, 3, 0, 0, 0, 5, 90,
                0, 0)), List.of(), 512 * MB, 100 * MB, 0.01, -1, 17, G1_FLAGS);
        Recommendation r = only("pool-size", c);
        assertEquals("io.memtune.pool.jdbc~main/max", r.setting());
        assertEquals("5", r.proposed(), "cores * 2 + 1 on 2 cores");
    }

    @Test
    void evictionsWithHeapToSpareDoubleTheTemplateCache() {
        TuningContext c = context(List.of(), List.of(), List.of(new CacheTier("memory", 100, 64 * MB, 64 * MB, 1000, 400, 300)),
                2048 * MB, 200 * MB, 0.01, -1, 17, G1_FLAGS);
        assertEquals(String.valueOf(128 * MB), only("template-cache", c).proposed());
    }

    @Test
    void aFullHeapOutsideAContainerAsksForMoreHeap() {
        TuningContext c = context(List.of(), List.of(), List.of(), 512 * MB, 450 * MB, 0.02, -1, 17, G1_FLAGS);
        assertEquals("768m", only("heap-size", c).proposed());
    }

    @Test
    void gcTimeWithASmallLiveSetDoesNotAskForMoreHeap() {
        // just started: a few collections, 2 % of the heap live
        TuningContext c = context(List.of(), List.of(), List.of(), 512 * MB, 10 * MB, 0.058, -1, 17, G1_FLAGS);
        assertEquals(List.of(), FootprintRules.heapSize(c));
    }

    @Test
    void inAContainerTheHeapIsWhatTheLimitLeaves() {
        TuningContext c = context(List.of(), List.of(), List.of(), 4096 * MB, 100 * MB, 0.01, 2048 * MB, 17, G1_FLAGS);
        Recommendation r = only("container-memory", c);
        assertEquals(String.valueOf(2048 - 96 - 240 - 60 - 32) + "m", r.proposed(), r.rationale());
    }

    @Test
    void manyCompiledTemplatesOnG1WithoutDeduplicationAskForIt() {
        TuningContext c = context(List.of(), List.of(), List.of(new CacheTier("memory", 500, 10 * MB, 64 * MB, 10, 1, 0)),
                512 * MB, 100 * MB, 0.01, -1, 17, G1_FLAGS);
        assertEquals("-XX:+UseStringDeduplication", only("string-deduplication", c).setting());
    }

    @Test
    void jdk25WithoutCompactHeadersAsksForThem() {
        Map<String, String> flags = new java.util.HashMap<>(G1_FLAGS);
        flags.put("UseCompactObjectHeaders", "false");
        TuningContext c = context(List.of(), List.of(), List.of(), 512 * MB, 100 * MB, 0.01, -1, 25, flags);
        assertEquals("-XX:+UseCompactObjectHeaders", only("compact-object-headers", c).setting());
        TuningContext on17 = context(List.of(), List.of(), List.of(), 512 * MB, 100 * MB, 0.01, -1, 17, flags);
        assertEquals(List.of(), BuiltInRules.all().stream().filter(x -> x.name().equals("compact-object-headers"))
                .findFirst().orElseThrow().evaluate(on17));
    }

    @Test
    void g1WithoutPeriodicCollectionsIsToldHowToReturnIdleHeap() {
        Map<String, String> flags = new java.util.HashMap<>(G1_FLAGS);
        flags.put("G1PeriodicGCInterval", "0");
        TuningContext c = context(List.of(), List.of(), List.of(), 512 * MB, 100 * MB, 0.01, -1, 17, flags);
        assertEquals("300000", only("idle-heap-return", c).proposed());
    }
}
