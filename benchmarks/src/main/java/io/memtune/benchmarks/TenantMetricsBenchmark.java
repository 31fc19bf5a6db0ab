package io.memtune.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

import io.memtune.api.metrics.MetricNames;
import io.memtune.api.metrics.RecentBucketReservoir;
import io.memtune.api.metrics.RecentReservoir;
import io.memtune.api.metrics.RecentTimer;
import io.memtune.template.core.TenantRenderTimers;

/**
 * What the metrics of one render cost on the request path, one thread and two threads updating the same metrics
 * (the contended case): the timer per tenant as it was ({@code Timer} over {@code RecentReservoir}: a monitor per
 * update, plus the Meter's clock read and LongAdders), Dropwizard's {@code Timer} over the bucket reservoir (the
 * Meter's share alone), {@code RecentTimer} (one counter), the striped reservoir every request updates (output
 * sizes, {@code tenant=other}), and the whole per-tenant path: the map lookup and update as it was
 * ({@code computeIfAbsent}), and {@code TenantRenderTimers} for a tracked tenant and for folded ones. Each operation
 * reads the clock once, as the render path does to measure the render. {@code -prof gc} shows what allocates.
 *
 * <pre>
 * benchmarks/run-jmh.sh TenantMetricsBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class TenantMetricsBenchmark {

    /** Tenants rendering, all with a series (within the budget). */
    private static final int TRACKED = 50;
    /** Tenants rendering beyond a small budget: nearly all folded. */
    private static final int FOLDED = 10_000;
    /** Render times spread over three orders of magnitude, as a mix of cached pages and big reports. */
    private static final long[] LATENCIES = {12_000, 35_000, 80_000, 150_000, 300_000, 650_000, 1_200_000, 9_000_000};

    /** The metrics, shared by the benchmark's threads. */
    @State(Scope.Benchmark)
    public static class Metrics {
        final Timer oldTimer = new Timer(new RecentReservoir(256, Duration.ofMinutes(1)));
        final Timer dropwizardOverBuckets = new Timer(RecentBucketReservoir.latencies().build());
        final RecentTimer recentTimer = new RecentTimer();
        final RecentBucketReservoir striped = RecentBucketReservoir.latencies().stripesPerProcessor().build();
        final MetricRegistry oldRegistry = new MetricRegistry();
        final Map<String, Timer> oldTimers = new ConcurrentHashMap<>();
        MetricRegistry registry;
        TenantRenderTimers tracked;
        TenantRenderTimers folded;

        @Setup(Level.Trial)
        public void setUp() {
            tracked = new TenantRenderTimers(new MetricRegistry(),
                    new TenantRenderTimers.Settings(1 << 20, Duration.ofMinutes(5), 10), System::nanoTime);
            folded = new TenantRenderTimers(new MetricRegistry(),
                    new TenantRenderTimers.Settings(128 * 1024, Duration.ofMinutes(5), 10), System::nanoTime);
            for (int t = 0; t < FOLDED; t++) {
                folded.rendered(tenant(t), 1_000, System.nanoTime());
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            tracked.close();
            folded.close();
        }

        /** The per-tenant lookup as TemplateMetrics did it before the budget. */
        Timer oldLookup(String tenant) {
            return oldTimers.computeIfAbsent(tenant, t -> oldRegistry.timer(MetricNames.labeled("memtune.template.render",
                    "tenant", t), () -> new Timer(new RecentReservoir(256, Duration.ofMinutes(1)))));
        }
    }

    private static final String[] TENANTS = new String[FOLDED];

    static {
        for (int t = 0; t < FOLDED; t++) {
            TENANTS[t] = "tenant-" + t;
        }
    }

    private static String tenant(int t) {
        return TENANTS[t];
    }

    /** Each thread's position in the latencies and tenants. */
    @State(Scope.Thread)
    public static class Cursor {
        int i;

        long latency() {
            return LATENCIES[i++ & (LATENCIES.length - 1)];
        }

        String tracked() {
            return TENANTS[i % TRACKED];
        }

        String folded() {
            return TENANTS[i % FOLDED];
        }
    }

    @Benchmark
    public void oldTimerOverRecentReservoir(Metrics m, Cursor c) {
        long now = System.nanoTime();
        m.oldTimer.update(c.latency() + (now & 1), TimeUnit.NANOSECONDS);
    }

    @Benchmark
    public void dropwizardTimerOverBuckets(Metrics m, Cursor c) {
        long now = System.nanoTime();
        m.dropwizardOverBuckets.update(c.latency() + (now & 1), TimeUnit.NANOSECONDS);
    }

    @Benchmark
    public void recentTimer(Metrics m, Cursor c) {
        m.recentTimer.update(c.latency(), System.nanoTime());
    }

    @Benchmark
    public void stripedReservoir(Metrics m, Cursor c) {
        m.striped.update(c.latency(), System.nanoTime());
    }

    @Benchmark
    public void oldPerTenantLookupAndUpdate(Metrics m, Cursor c) {
        long now = System.nanoTime();
        m.oldLookup(c.tracked()).update(c.latency() + (now & 1), TimeUnit.NANOSECONDS);
    }

    @Benchmark
    public void perTenantTracked(Metrics m, Cursor c) {
        m.tracked.rendered(c.tracked(), c.latency(), System.nanoTime());
    }

    @Benchmark
    public void perTenantFolded(Metrics m, Cursor c) {
        m.folded.rendered(c.folded(), c.latency(), System.nanoTime());
    }

    /** One thread. */
    @Threads(1)
    public static class OneThread extends TenantMetricsBenchmark {
    }

    /** Two threads on the same metrics (same tenants, same timers): the contended case. */
    @Threads(2)
    public static class TwoThreads extends TenantMetricsBenchmark {
    }
}
