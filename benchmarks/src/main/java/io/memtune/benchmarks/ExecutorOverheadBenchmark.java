package io.memtune.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
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

import io.memtune.api.concurrency.Priority;
import io.memtune.concurrency.core.ExecutorSettings;
import io.memtune.concurrency.core.Gradient2ConcurrencyLimit;
import io.memtune.concurrency.core.HeapOccupancy;
import io.memtune.concurrency.core.PriorityExecutor;

/**
 * What a managed executor costs per task against a plain {@code ThreadPoolExecutor} with a bounded queue
 * (the idiomatic alternative): submit, run a trivial task, wait for its future. Same worker count both.
 *
 * <pre>benchmarks/run-jmh.sh ExecutorOverheadBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
public class ExecutorOverheadBenchmark {

    private static final int WORKERS = 2;

    private ThreadPoolExecutor plain;
    private PriorityExecutor managed;

    @Setup(Level.Trial)
    public void setUp() {
        plain = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000));
        managed = new PriorityExecutor(new ExecutorSettings("bench", WORKERS, WORKERS,
                Map.of(Priority.INTERACTIVE, 1000, Priority.BATCH, 1000), Map.of(Priority.INTERACTIVE, 0.8, Priority.BATCH, 0.2),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMillis(20), Duration.ofMillis(200), 1.0),
                new Gradient2ConcurrencyLimit(WORKERS, 1, WORKERS), new HeapOccupancy(TimeUnit.MILLISECONDS.toNanos(100)),
                System::nanoTime);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        plain.shutdownNow();
        managed.close();
    }

    @Benchmark
    public Integer plainThreadPoolExecutor() throws Exception {
        return CompletableFuture.supplyAsync(() -> 42, plain).get();
    }

    @Benchmark
    public Integer managedExecutor() throws Exception {
        return managed.submit(Priority.INTERACTIVE, null, () -> 42).get();
    }
}
