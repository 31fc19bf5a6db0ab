package io.memtune.benchmarks.load;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server's heap in use, its full collections and its GC pause time, sampled once a second from its own
 * {@code /metrics} while a run lasts (the same endpoint and cost for both sides). Full collections are G1's
 * "old generation" collector, which on JDK 17 counts full GCs only (concurrent cycles are not in it).
 */
final class ServerSampler {

    static final String HEAP_USED = "memtune_jvm_memory_heap_used";
    static final String FULL_GCS = "memtune_jvm_gc_G1_Old_Generation_count";
    static final List<String> GC_MILLIS = List.of("memtune_jvm_gc_G1_Young_Generation_time", "memtune_jvm_gc_G1_Old_Generation_time");

    /** One sample, {@code second} from the run's origin. */
    record Sample(double second, long heapUsed, long fullGcs, long gcMillis) {
    }

    private final Server server;
    private final long originNanos;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "server-sampler");
        t.setDaemon(true);
        return t;
    });

    private ServerSampler(Server server, long originNanos) {
        this.server = server;
        this.originNanos = originNanos;
    }

    /** Samples now, then every second. */
    static ServerSampler start(Server server, long originNanos) {
        ServerSampler sampler = new ServerSampler(server, originNanos);
        sampler.timer.scheduleAtFixedRate(sampler::sample, 0, 1, TimeUnit.SECONDS);
        return sampler;
    }

    private void sample() {
        try {
            long asked = System.nanoTime();
            Map<String, Double> m = server.metrics();
            double gc = GC_MILLIS.stream().mapToDouble(k -> m.getOrDefault(k, 0.0)).sum();
            samples.add(new Sample((asked - originNanos) / 1e9, m.getOrDefault(HEAP_USED, Double.NaN).longValue(),
                    m.getOrDefault(FULL_GCS, 0.0).longValue(), (long) gc));
        } catch (Exception e) {
            // a server too busy to answer in time: that second has no sample, the plot shows the gap
        }
    }

    /** Stops after one last sample; the samples in order. */
    List<Sample> stop() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        sample();
        return List.copyOf(samples);
    }

    /** Full collections between the first sample and the last. */
    static long fullGcs(List<Sample> samples) {
        return samples.size() < 2 ? 0 : samples.get(samples.size() - 1).fullGcs() - samples.get(0).fullGcs();
    }

    /**
     * GC pause time between the first sample and the last, as a share of the time between them. A server busy
     * collecting answers late, so a sample's time is only near when its figures were read: the share is capped
     * at 1, which is what "collecting all the time" means.
     */
    static double gcShare(List<Sample> samples) {
        if (samples.size() < 2) {
            return Double.NaN;
        }
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        return Math.min(1.0, (last.gcMillis() - first.gcMillis()) / ((last.second() - first.second()) * 1000));
    }
}
