package io.memtune.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;

/**
 * A run's answers bucketed by the second (from the run's origin) in which each request started: when it was
 * sent, or in an open loop when it was due. By start rather than by answer, so a request that waited through
 * an overload counts against the second its user asked in, not the quieter second it was answered in.
 * Users record from many threads at once, hence the concurrent histograms.
 */
public final class LatencySeries {

    /**
     * One second's figures; percentiles are {@code NaN} when the second had no such answer. {@code answers} counts
     * requests not sent (the load's connections all busy) too, as failures without a latency.
     */
    public record Second(int second, long answers, long ok, long refused, double p99Millis, double okP99Millis) {

        /** The share of this second's answers that were 200s. */
        public double successRatio() {
            return answers == 0 ? Double.NaN : ok / (double) answers;
        }
    }

    private static final class Bucket {
        final ConcurrentHistogram all = new ConcurrentHistogram(3);
        final ConcurrentHistogram ok = new ConcurrentHistogram(3);
        final LongAdder refused = new LongAdder();
        final LongAdder notSent = new LongAdder();
    }

    private final long originNanos;
    private final Map<Integer, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param originNanos the {@link System#nanoTime()} that is second 0 */
    public LatencySeries(long originNanos) {
        this.originNanos = originNanos;
    }

    public long originNanos() {
        return originNanos;
    }

    /** One answer; a request started before the origin (a warm-up's) is not part of the series. */
    public void record(long startNanos, long latencyMicros, int status) {
        Bucket b = bucket(startNanos);
        if (b == null) {
            return;
        }
        long micros = Math.max(1, latencyMicros);
        b.all.recordValue(micros);
        if (status == 200) {
            b.ok.recordValue(micros);
        } else if (status == 503) {
            b.refused.increment();
        }
    }

    /** A request due at {@code dueNanos} that the load could not send. */
    public void notSent(long dueNanos) {
        Bucket b = bucket(dueNanos);
        if (b != null) {
            b.notSent.increment();
        }
    }

    private Bucket bucket(long startNanos) {
        return startNanos < originNanos ? null
                : buckets.computeIfAbsent((int) ((startNanos - originNanos) / 1_000_000_000L), k -> new Bucket());
    }

    /** Every second from 0 to the last one with an answer, in order; seconds without answers are listed empty. */
    public List<Second> seconds() {
        int last = buckets.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
        List<Second> seconds = new ArrayList<>();
        for (int s = 0; s <= last; s++) {
            Bucket b = buckets.get(s);
            seconds.add(b == null ? new Second(s, 0, 0, 0, Double.NaN, Double.NaN)
                    : new Second(s, b.all.getTotalCount() + b.notSent.sum(), b.ok.getTotalCount(), b.refused.sum(), p99(b.all),
                            p99(b.ok)));
        }
        return seconds;
    }

    private static double p99(ConcurrentHistogram h) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0;
    }
}
