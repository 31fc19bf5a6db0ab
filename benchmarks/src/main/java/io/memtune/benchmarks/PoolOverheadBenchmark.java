package io.memtune.benchmarks;

import java.time.Duration;
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

import io.memtune.api.pool.Lease;
import io.memtune.pool.core.ArrayBufferPool;
import io.memtune.pool.core.CommonsObjectPool;

/**
 * Pooling what a render needs against allocating it: an 8 K char buffer (the buffer pool) and an 8 K
 * StringBuilder (an object pool on Commons Pool2), each filled with 4 KB of output, 2 threads. A pool that
 * does not beat plain allocation stays off the render path.
 *
 * <pre>benchmarks/run-jmh.sh PoolOverheadBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(2)
public class PoolOverheadBenchmark {

    private static final String CHUNK = "<li>row of generated output with some text in it</li>\n"; // 56 chars
    private static final int CHUNKS = 73; // about 4 KB

    private ArrayBufferPool buffers;
    private CommonsObjectPool<StringBuilder> builders;

    @Setup(Level.Trial)
    public void setUp() {
        buffers = new ArrayBufferPool("buffers", 64L << 20);
        builders = new CommonsObjectPool<>("builders", new io.memtune.api.pool.ResourceFactory<StringBuilder>() {
            @Override
            public StringBuilder create() {
                return new StringBuilder(8192);
            }

            @Override
            public void reset(StringBuilder b) {
                b.setLength(0);
            }
        }, new CommonsObjectPool.Settings(4, 16, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10),
                Duration.ZERO, null), s -> { });
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        builders.close();
    }

    private static int fill(char[] buffer) {
        int at = 0;
        for (int i = 0; i < CHUNKS; i++) {
            CHUNK.getChars(0, CHUNK.length(), buffer, at);
            at += CHUNK.length();
        }
        return at;
    }

    private static int fill(StringBuilder b) {
        for (int i = 0; i < CHUNKS; i++) {
            b.append(CHUNK);
        }
        return b.length();
    }

    @Benchmark
    public int newCharArray() {
        return fill(new char[8192]);
    }

    @Benchmark
    public int pooledCharArray() {
        try (Lease<char[]> lease = buffers.chars(8192)) {
            return fill(lease.get());
        }
    }

    @Benchmark
    public int newStringBuilder() {
        return fill(new StringBuilder(8192));
    }

    @Benchmark
    public int pooledStringBuilder() {
        try (Lease<StringBuilder> lease = builders.borrow()) {
            return fill(lease.get());
        }
    }
}
