package io.memtune.api.tuner;

import java.util.List;
import java.util.Map;

import io.memtune.api.concurrency.ExecutorStatistics;
import io.memtune.api.pool.PoolStatistics;
import io.memtune.api.template.CacheTier;

/**
 * What rules judge: facts of the machine and the JVM, and measurements, as plain values (so a rule is
 * tested with a recorded context).
 *
 * @param cores processors available to the JVM
 * @param containerMemoryLimit the cgroup memory limit in bytes, or -1 when there is none
 * @param javaVersion the feature version, e.g. 17
 * @param collector the garbage collectors' names
 * @param jvmFlags the values of the JVM flags rules look at ({@code MaxHeapSize}, {@code UseStringDeduplication}, ...)
 * @param heapMax the maximum heap
 * @param heapUsedAfterGc the heap in use after the last collection
 * @param gcOverhead the share of time in GC recently, 0..1
 * @param allocationRate bytes allocated per second recently
 * @param loadPerCore the machine's one-minute load average per core (1: every core busy), or -1 when unknown
 * @param threads live threads
 * @param executors the managed executors
 * @param pools the pools
 * @param cacheTiers the template cache tiers
 * @param settings the effective configuration values rules may propose to change, by {@code pid/key}
 * @param measurements the metric registry now: numeric gauges by name, histograms and timers as
 *     {@code <name>.p50} and {@code <name>.p99} (timers in milliseconds), for rules that need more than the above
 * @param memory the JVM's memory measured over the tuner's window (live set, allocation, GC, what the JVM holds
 *     besides the heap): what the heap, the collector and the JVM's own memory are sized from (since 1.2)
 */
public record TuningContext(int cores, long containerMemoryLimit, int javaVersion, List<String> collector,
        Map<String, String> jvmFlags, long heapMax, long heapUsedAfterGc, double gcOverhead, double allocationRate,
        double loadPerCore, int threads, List<ExecutorStatistics> executors, List<PoolStatistics> pools, List<CacheTier> cacheTiers,
        Map<String, Object> settings, Map<String, Double> measurements, MemoryWindow memory) {

    public TuningContext {
        memory = memory == null ? MemoryWindow.NONE : memory;
        collector = List.copyOf(collector);
        jvmFlags = Map.copyOf(jvmFlags);
        executors = List.copyOf(executors);
        pools = List.copyOf(pools);
        cacheTiers = List.copyOf(cacheTiers);
        settings = Map.copyOf(settings);
        measurements = Map.copyOf(measurements);
    }

    /** A context without a memory window (as before 1.2: {@link MemoryWindow#NONE}). */
    public TuningContext(int cores, long containerMemoryLimit, int javaVersion, List<String> collector,
            Map<String, String> jvmFlags, long heapMax, long heapUsedAfterGc, double gcOverhead, double allocationRate,
            double loadPerCore, int threads, List<ExecutorStatistics> executors, List<PoolStatistics> pools,
            List<CacheTier> cacheTiers, Map<String, Object> settings, Map<String, Double> measurements) {
        this(cores, containerMemoryLimit, javaVersion, collector, jvmFlags, heapMax, heapUsedAfterGc, gcOverhead, allocationRate,
                loadPerCore, threads, executors, pools, cacheTiers, settings, measurements, MemoryWindow.NONE);
    }

    /** The same context with another memory window (for tests and rules that try one). */
    public TuningContext withMemory(MemoryWindow window) {
        return new TuningContext(cores, containerMemoryLimit, javaVersion, collector, jvmFlags, heapMax, heapUsedAfterGc,
                gcOverhead, allocationRate, loadPerCore, threads, executors, pools, cacheTiers, settings, measurements, window);
    }
}
