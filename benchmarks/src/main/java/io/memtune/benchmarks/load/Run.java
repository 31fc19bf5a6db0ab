package io.memtune.benchmarks.load;

import java.util.List;

/**
 * One run's figures: the load's (throughput, latency, answers by status) and the server's over the measured
 * window (CPU share of the machine, GC pause share, full collections), heap used after a full collection at
 * the end, peak RSS, and the per-second series the plots are drawn from.
 */
public record Run(String mode, int users, LoadResult load, double cpuShare, double gcShare, long heapAfterGc, long peakRss,
        long fullGcs, List<LatencySeries.Second> latency, List<ServerSampler.Sample> heap) {
}
