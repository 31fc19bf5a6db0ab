package io.memtune.tuner.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.memtune.api.concurrency.ExecutorStatistics;
import io.memtune.api.concurrency.Priority;
import io.memtune.api.concurrency.RejectedException;
import io.memtune.api.pool.PoolStatistics;
import io.memtune.api.template.CacheTier;
import io.memtune.api.tuner.Recommendation;
import io.memtune.api.tuner.Recommendation.Kind;
import io.memtune.api.tuner.TuningContext;
import io.memtune.api.tuner.TuningRule;

/**
 * The built-in rules. Each looks for one thing worth changing and stays silent on a healthy system.
 * Configuration settings are named {@code pid/key} after the environment files' conventions
 * ({@code io.memtune.concurrency.executor~<name>} for executor {@code name}).
 */
public final class BuiltInRules {

    private static final long MB = 1024 * 1024;

    private BuiltInRules() {
    }

    public static List<TuningRule> all() {
        return List.of(
                rule("executor-workers", BuiltInRules::executorWorkers),
                rule("executor-queue", BuiltInRules::executorQueue),
                rule("pool-size", BuiltInRules::poolSize),
                rule("template-cache", BuiltInRules::templateCache),
                rule("heap-size", FootprintRules::heapSize),
                rule("initial-heap", FootprintRules::initialHeap),
                rule("container-memory", FootprintRules::containerMemory),
                rule("string-deduplication", FootprintRules::stringDeduplication),
                rule("compact-object-headers", FootprintRules::compactHeaders),
                rule("idle-heap-return", FootprintRules::idleHeapReturn),
                rule("metaspace-bound", FootprintRules::metaspaceBound),
                rule("code-cache-bound", FootprintRules::codeCacheBound),
                rule("native-heap-trim", FootprintRules::nativeHeapTrim),
                rule("jetty-threads", BuiltInRules::jettyThreads),
                rule("response-buffer", BuiltInRules::responseBuffer),
                rule("collector", FootprintRules::collector));
    }

    private static TuningRule rule(String name, Function<TuningContext, List<Recommendation>> evaluate) {
        return new TuningRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Recommendation> evaluate(TuningContext context) {
                return evaluate.apply(context);
            }
        };
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /**
     * Little's law: with W = wait + run, L = λW tasks are in the system; a saturated executor whose queued
     * work waits longer than it runs needs workers in proportion. But when the cores are busy the wait is for
     * the CPU, not for a worker: then at most one worker per core (Goetz's cores x (1 + blocked/compute) with
     * nothing blocked), and nothing when the executor already has that many.
     */
    /** A load average per core from which the cores count as busy. */
    private static final double CPU_BUSY = 0.8;

    static List<Recommendation> executorWorkers(TuningContext c) {
        List<Recommendation> out = new ArrayList<>();
        for (ExecutorStatistics e : c.executors()) {
            ExecutorStatistics.ClassStatistics i = e.classes().get(Priority.INTERACTIVE);
            double wait = i.queueWaitP50Millis();
            double run = Math.max(0.1, i.runTimeP50Millis());
            boolean saturated = e.workers() >= e.maxWorkers() && (i.queued() > 0 || wait > run);
            if (!saturated || wait < Math.max(5, run)) {
                continue;
            }
            boolean cpuBound = c.loadPerCore() >= CPU_BUSY;
            int ceiling = cpuBound ? c.cores() : Math.max(e.maxWorkers(), c.cores() * 16);
            int proposed = (int) Math.min(ceiling, Math.ceil(e.maxWorkers() * (wait + run) / run));
            if (proposed <= e.maxWorkers()) {
                continue;
            }
            String bound = cpuBound ? fmt("; the cores are busy (load %.2f per core), so no more than one worker per core",
                    c.loadPerCore()) : "";
            String pid = "io.memtune.concurrency.executor~" + e.name();
            out.add(new Recommendation("executor-workers:" + e.name(), "executor-workers", Kind.LIVE_CONFIGURATION,
                    pid + "/workers.max", String.valueOf(e.maxWorkers()), String.valueOf(proposed),
                    fmt("all %d workers of '%s' are busy and interactive work waits %.1f ms for %.1f ms of running (p50);"
                            + " by Little's law %d workers serve the same arrivals without the wait%s", e.maxWorkers(), e.name(),
                            wait, run, (int) Math.min(c.cores() * 16, Math.ceil(e.maxWorkers() * (wait + run) / run)), bound),
                    "queue wait falls, p99 response time with it", cpuBound ? 0.5 : 0.7,
                    "memtune.concurrency.response.p99.ms{executor=" + e.name() + ",priority=interactive}", true));
        }
        return out;
    }

    /** Work refused for a full queue while queued work waits little: the queue, not the workers, is too small. */
    static List<Recommendation> executorQueue(TuningContext c) {
        List<Recommendation> out = new ArrayList<>();
        for (ExecutorStatistics e : c.executors()) {
            ExecutorStatistics.ClassStatistics i = e.classes().get(Priority.INTERACTIVE);
            long full = i.rejected().getOrDefault(RejectedException.Reason.QUEUE_FULL, 0L);
            if (full == 0 || i.queueWaitP99Millis() > 100) {
                continue;
            }
            int proposed = Math.max(16, i.queueCapacity() * 2);
            out.add(new Recommendation("executor-queue:" + e.name(), "executor-queue", Kind.LIVE_CONFIGURATION,
                    "io.memtune.concurrency.executor~" + e.name() + "/queue.interactive", String.valueOf(i.queueCapacity()),
                    String.valueOf(proposed), fmt("%d interactive tasks were refused for a full queue of %d while queued work"
                            + " waited only %.1f ms (p99)", full, i.queueCapacity(), i.queueWaitP99Millis()),
                    "fewer 503s at the same latency", 0.6, null, true));
        }
        return out;
    }

    /** Borrowers wait or time out at full utilization: the pool is too small (HikariCP's cores * 2 + 1 as a floor for JDBC). */
    static List<Recommendation> poolSize(TuningContext c) {
        List<Recommendation> out = new ArrayList<>();
        for (PoolStatistics p : c.pools()) {
            if (p.kind().equals("buffers") || p.kind().equals("http")) {
                continue;
            }
            boolean starved = (p.waiters() > 0 || p.timeouts() > 0) && p.utilization() >= 0.9;
            if (!starved) {
                continue;
            }
            int floor = p.kind().equals("jdbc") ? c.cores() * 2 + 1 : p.max() + 1;
            int proposed = Math.max(floor, (int) Math.ceil(p.max() * 1.5));
            String pid = (p.kind().equals("jdbc") ? "io.memtune.pool.jdbc~" : "io.memtune.pool.objects~") + p.name();
            out.add(new Recommendation("pool-size:" + p.name(), "pool-size", Kind.LIVE_CONFIGURATION, pid + "/max",
                    String.valueOf(p.max()), String.valueOf(proposed), fmt("pool '%s' lends %d of %d with %d waiting and %d"
                            + " timeouts so far", p.name(), p.active(), p.max(), p.waiters(), p.timeouts()),
                    "no waits, no timeouts", 0.6, "memtune.pool.waiters{pool=" + p.name() + "}", true));
        }
        return out;
    }

    /** Compiled templates evicted and recompiled while the heap has room: a bigger memory tier pays. */
    static List<Recommendation> templateCache(TuningContext c) {
        for (CacheTier t : c.cacheTiers()) {
            if (!t.name().equals("memory") || t.evictions() == 0) {
                continue;
            }
            double missRatio = (double) t.misses() / Math.max(1, t.hits() + t.misses());
            long headroom = c.heapMax() - c.heapUsedAfterGc();
            if (missRatio < 0.05 || headroom < 4 * t.maxBytes()) {
                return List.of();
            }
            long proposed = t.maxBytes() * 2;
            return List.of(new Recommendation("template-cache", "template-cache", Kind.LIVE_CONFIGURATION,
                    "io.memtune.template/cache.memory.bytes", String.valueOf(t.maxBytes()), String.valueOf(proposed),
                    fmt("%.0f%% of look-ups miss the memory tier (%d evictions) and the heap has %d MB free after GC",
                            missRatio * 100, t.evictions(), headroom / MB),
                    "fewer recompilations, lower render latency", 0.5, "memtune.template.cache.misses{tier=memory}", true));
        }
        return List.of();
    }

    /** Jetty's request threads must not be fewer than the render workers they hand work to. */
    static List<Recommendation> jettyThreads(TuningContext c) {
        Object configured = c.settings().get("org.apache.felix.http/org.apache.felix.http.jetty.threadpool.max");
        int jetty = configured == null ? 200 : Integer.parseInt(String.valueOf(configured));
        int workers = c.executors().stream().mapToInt(ExecutorStatistics::maxWorkers).sum();
        if (jetty < 0 || jetty >= workers + 16) {
            return List.of();
        }
        return List.of(new Recommendation("jetty-threads", "jetty-threads", Kind.LIVE_CONFIGURATION,
                "org.apache.felix.http/org.apache.felix.http.jetty.threadpool.max", String.valueOf(jetty),
                String.valueOf(workers + 16), fmt("Jetty has %d request threads for %d render workers behind them", jetty, workers),
                "requests reach the executor instead of waiting in Jetty", 0.6, null, true));
    }

    /** Felix HTTP's default response buffer. */
    static final int JETTY_RESPONSE_BUFFER = 24 * 1024;

    /**
     * Jetty's response buffer against the measured page sizes: a page larger than the buffer is flushed in
     * pieces (chunked, more writes); a buffer far larger than every page is memory held per request for nothing.
     */
    static List<Recommendation> responseBuffer(TuningContext c) {
        Double p99 = c.measurements().get("memtune.template.output.chars.p99");
        if (p99 == null || p99 <= 0) {
            return List.of();
        }
        String key = "org.apache.felix.http/org.apache.felix.http.jetty.responseBufferSize";
        Object configured = c.settings().get(key);
        long buffer = configured == null ? JETTY_RESPONSE_BUFFER : Long.parseLong(String.valueOf(configured));
        boolean tooSmall = p99 > buffer;
        boolean tooLarge = buffer > 8 * 1024 && p99 * 4 < buffer;
        if (!tooSmall && !tooLarge) {
            return List.of();
        }
        long proposed = Math.min(1 << 20, Math.max(8 * 1024, Long.highestOneBit((long) (p99 * 1.25)) << 1));
        if (proposed == buffer) {
            return List.of();
        }
        return List.of(new Recommendation("response-buffer", "response-buffer", Kind.LIVE_CONFIGURATION, key,
                String.valueOf(buffer), String.valueOf(proposed), fmt("99%% of rendered pages are up to %.0f characters and"
                        + " Jetty buffers %d bytes per response", p99, buffer), tooSmall ? "pages sent in one piece, fewer writes"
                        : "less memory held per request in flight", 0.5, null, true));
    }
}
