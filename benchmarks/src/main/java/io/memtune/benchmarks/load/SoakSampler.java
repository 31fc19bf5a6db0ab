package io.memtune.benchmarks.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Takes a {@link SoakSample} of the server at a fixed period (the soak's sampling rate, not a wait for anything)
 * until the soak's end; a sample jcmd could not take is noted with its reason, and the soak judges how many
 * samples it got.
 */
final class SoakSampler {

    private final long pid;
    private final long originNanos;
    private final long endNanos;
    private final List<SoakSample> samples = new CopyOnWriteArrayList<>();
    private final List<String> missed = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "soak-sampler");
        t.setDaemon(true);
        return t;
    });

    private SoakSampler(long pid, long originNanos, long endNanos) {
        this.pid = pid;
        this.originNanos = originNanos;
        this.endNanos = endNanos;
    }

    /** Samples now, then every {@code period} until {@code endNanos}. */
    static SoakSampler start(long pid, long originNanos, long endNanos, Duration period) {
        SoakSampler sampler = new SoakSampler(pid, originNanos, endNanos);
        sampler.timer.scheduleAtFixedRate(sampler::sample, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return sampler;
    }

    private void sample() {
        long now = System.nanoTime();
        if (now >= endNanos) {
            return;
        }
        double second = (now - originNanos) / 1e9;
        try {
            samples.add(SoakSample.of(pid, second));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            missed.add(String.format(java.util.Locale.ROOT, "%.0f s: %s", second, e.getMessage()));
        }
    }

    /** Stops (a sample under way is finished first); the samples in order. */
    List<SoakSample> stop() throws InterruptedException {
        timer.shutdown();
        if (!timer.awaitTermination(2, TimeUnit.MINUTES)) {
            timer.shutdownNow();
        }
        return List.copyOf(samples);
    }

    /** The samples that could not be taken, each with its second and reason. */
    List<String> missed() {
        return List.copyOf(missed);
    }
}
