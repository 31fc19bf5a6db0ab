package io.memtune.benchmarks;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import io.memtune.profiler.core.PeakDetector;
import io.memtune.profiler.core.SnapshotTaker;

/**
 * The cost of one profiler tick (a snapshot from the MXBeans and a peak check), the whole of its periodic
 * work while no threshold is crossed. Divided by the snapshot interval it bounds the profiler's share of
 * one core precisely, where a throughput comparison on a 2-core machine is noisier than 1 %.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SnapshotTickBenchmark {

    private final SnapshotTaker taker = new SnapshotTaker();
    private final PeakDetector peaks = new PeakDetector(0.99, 1e12, 300_000, System::currentTimeMillis);

    @Benchmark
    public Optional<String> tick() {
        return peaks.check(taker.take());
    }
}
