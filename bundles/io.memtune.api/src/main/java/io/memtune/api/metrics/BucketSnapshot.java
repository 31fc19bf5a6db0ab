package io.memtune.api.metrics;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import com.codahale.metrics.Snapshot;

/**
 * A snapshot of bucket counts: every value is reported as its bucket's midpoint, so quantiles, minimum, maximum
 * and mean are within the buckets' relative precision of the exact ones (quantiles by nearest rank). Holds the
 * counts only, never the values: its size does not depend on how many values it describes.
 */
final class BucketSnapshot extends Snapshot {

    /** {@link #getValues()} gives at most this many values, at evenly spaced ranks, when there are more. */
    static final int MAX_VALUES = 1 << 16;

    private final LogLinearBuckets buckets;
    private final long[] counts;
    private final long total;

    BucketSnapshot(LogLinearBuckets buckets, long[] counts) {
        this.buckets = buckets;
        this.counts = counts;
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        this.total = sum;
    }

    /** The value of nearest rank {@code ceil(quantile * size)}; 0 when empty. */
    @Override
    public double getValue(double quantile) {
        if (Double.isNaN(quantile) || quantile < 0.0 || quantile > 1.0) {
            throw new IllegalArgumentException(quantile + " is not in [0..1]");
        }
        if (total == 0) {
            return 0.0;
        }
        return valueOfRank(Math.max(1, (long) Math.ceil(quantile * total)));
    }

    private long valueOfRank(long rank) {
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return buckets.representative(i);
            }
        }
        return buckets.representative(counts.length - 1);
    }

    /** The values in order, each as its bucket's midpoint; beyond {@link #MAX_VALUES}, that many at even ranks. */
    @Override
    public long[] getValues() {
        int n = (int) Math.min(total, MAX_VALUES);
        long[] values = new long[n];
        int bucket = -1;
        long seen = 0;
        for (int i = 0; i < n; i++) {
            long rank = n == total ? i + 1 : 1 + (long) ((double) i * total / n);
            while (seen < rank) {
                seen += counts[++bucket];
            }
            values[i] = buckets.representative(bucket);
        }
        return values;
    }

    @Override
    public int size() {
        return (int) Math.min(total, Integer.MAX_VALUE);
    }

    @Override
    public long getMax() {
        for (int i = counts.length - 1; i >= 0; i--) {
            if (counts[i] > 0) {
                return buckets.representative(i);
            }
        }
        return 0;
    }

    @Override
    public long getMin() {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                return buckets.representative(i);
            }
        }
        return 0;
    }

    @Override
    public double getMean() {
        if (total == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += (double) counts[i] * buckets.representative(i);
        }
        return sum / total;
    }

    /** The sample standard deviation, as Dropwizard's snapshots compute it; 0 for fewer than two values. */
    @Override
    public double getStdDev() {
        if (total < 2) {
            return 0;
        }
        double mean = getMean();
        double squares = 0;
        for (int i = 0; i < counts.length; i++) {
            double d = buckets.representative(i) - mean;
            squares += counts[i] * d * d;
        }
        return Math.sqrt(squares / (total - 1));
    }

    @Override
    public void dump(OutputStream output) {
        try (PrintWriter out = new PrintWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8))) {
            for (long value : getValues()) {
                out.printf("%d%n", value);
            }
        }
    }
}
