package io.memtune.api.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

import com.codahale.metrics.Reservoir;
import com.codahale.metrics.Snapshot;

/**
 * The distribution of the recent past in a fixed number of counters: log-linear buckets of bounded relative
 * precision (as HdrHistogram and DDSketch bound it; see {@link #relativeError()}), one set of them per interval of
 * a short ring rotated by time. A snapshot merges the intervals of the window, so percentiles follow the load down
 * when it stops (as {@link RecentReservoir} does), and describe every value of the window whatever the rate, not
 * the latest few. Memory is decided at construction ({@link #estimatedBytes()}): a few kilobytes, never more.
 *
 * <p>An update takes no lock: it reads the clock, finds the bucket with a few shifts and increments one counter
 * of an {@link AtomicIntegerArray}. Counters can be striped by thread ({@link Builder#stripes(int)}) for the
 * reservoirs every request updates, so that threads do not share the cache lines they write. Once an interval,
 * the first update after it ended empties its slot for reuse (a few hundred reads, a sweep of the counters that are
 * not zero), moving what it counted into the exact total.
 *
 * <p>{@link #count()} is exact: no update is lost, whatever the concurrency. The percentiles may miss the few
 * values written into a slot in the instant it is being emptied (they still count in {@link #count()}), and a value
 * recorded by a thread that stalled across an interval boundary lands in the newer interval.
 */
public final class RecentBucketReservoir implements Reservoir {

    /** Nanosecond latencies: 1 µs to 60 s within 3.1 %, the last minute in two halves, one stripe. */
    public static Builder latencies() {
        return new Builder().range(1_000, Duration.ofSeconds(60).toNanos()).relativeError(0.032)
                .window(Duration.ofMinutes(1), 2);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Never: below any epoch a clock gives, so a slot never written is never in a window. */
    private static final long NEVER = Long.MIN_VALUE;

    private final LogLinearBuckets buckets;
    private final int bucketCount;
    private final int intervals;
    private final int stripeMask;
    private final long intervalNanos;
    private final long origin;
    private final LongSupplier nanos;
    /** [interval slot][stripe][bucket]. */
    private final AtomicIntegerArray counts;
    /** The interval each slot counts, by slot. */
    private final AtomicLongArray epochs;
    /** What emptied slots had counted. */
    private final AtomicLong retired = new AtomicLong();

    private RecentBucketReservoir(Builder b) {
        this.buckets = new LogLinearBuckets(b.lowest, b.highest, b.bits);
        this.bucketCount = buckets.count();
        this.intervals = b.intervals;
        this.stripeMask = b.stripes - 1;
        this.intervalNanos = Math.max(1, b.window.toNanos() / b.intervals);
        this.nanos = b.nanos;
        this.origin = nanos.getAsLong();
        this.counts = new AtomicIntegerArray(intervals * b.stripes * bucketCount);
        this.epochs = new AtomicLongArray(intervals);
        for (int i = 0; i < intervals; i++) {
            epochs.set(i, NEVER);
        }
    }

    @Override
    public void update(long value) {
        update(value, nanos.getAsLong());
    }

    /**
     * An update at a time the caller already read (saves a second clock read on a hot path).
     *
     * @param nowNanos the time of the value, from the reservoir's clock ({@code System.nanoTime()} unless a test
     *        gave another)
     */
    public void update(long value, long nowNanos) {
        long epoch = epochOf(nowNanos);
        int slot = (int) (epoch % intervals);
        if (epochs.get(slot) < epoch) {
            rotate(slot, epoch);
        }
        counts.getAndIncrement(((slot * (stripeMask + 1)) + stripe()) * bucketCount + buckets.index(value));
    }

    private long epochOf(long nowNanos) {
        return Math.max(0, nowNanos - origin) / intervalNanos;
    }

    /** The stripe of the calling thread: threads of consecutive ids write different stripes. */
    private int stripe() {
        if (stripeMask == 0) {
            return 0;
        }
        long id = Thread.currentThread().getId();
        return (int) (id ^ (id >>> 17) ^ (id >>> 31)) & stripeMask;
    }

    /** Claims a slot for a new interval (one thread wins) and moves what it counted into the total. */
    private void rotate(int slot, long epoch) {
        for (long seen = epochs.get(slot); seen < epoch; seen = epochs.get(slot)) {
            if (epochs.compareAndSet(slot, seen, epoch)) {
                int from = slot * (stripeMask + 1) * bucketCount;
                int to = from + (stripeMask + 1) * bucketCount;
                long moved = 0;
                for (int i = from; i < to; i++) {
                    if (counts.get(i) != 0) {
                        moved += counts.getAndSet(i, 0);
                    }
                }
                retired.addAndGet(moved);
                return;
            }
        }
    }

    /** Every value ever recorded, exact. */
    public long count() {
        while (true) {
            long before = retired.get();
            long live = 0;
            for (int i = 0; i < counts.length(); i++) {
                live += counts.get(i);
            }
            if (retired.get() == before) { // no slot emptied meanwhile: nothing seen twice or missed
                return before + live;
            }
        }
    }

    /** The values of the window. */
    @Override
    public int size() {
        return getSnapshot().size();
    }

    /** The window's distribution (the current interval and the previous ones, {@code window} in all). */
    @Override
    public Snapshot getSnapshot() {
        long epoch = epochOf(nanos.getAsLong());
        long[] merged = new long[bucketCount];
        int stripes = stripeMask + 1;
        for (int slot = 0; slot < intervals; slot++) {
            if (epochs.get(slot) <= epoch - intervals) {
                continue; // older than the window, or never written
            }
            for (int s = 0; s < stripes; s++) {
                int base = (slot * stripes + s) * bucketCount;
                for (int b = 0; b < bucketCount; b++) {
                    merged[b] += counts.get(base + b);
                }
            }
        }
        return new BucketSnapshot(buckets, merged);
    }

    /** A reported value is within this fraction of the value recorded (or half a unit, for the smallest). */
    public double relativeError() {
        return buckets.relativeError();
    }

    /** Values are counted in units of this power of two (the {@code lowest} of the range, rounded down). */
    public long unit() {
        return buckets.unit();
    }

    /** Values above this count as this. */
    public long highest() {
        return buckets.highest();
    }

    /**
     * The heap this reservoir holds, an upper bound whatever the JVM's object layout (compressed references or
     * not): fixed at construction.
     */
    public long estimatedBytes() {
        int slots = counts.length();
        return ObjectSizes.object(5, 3, 2) // this
                + ObjectSizes.object(0, 4, 1) // the bucket layout
                + ObjectSizes.object(1, 0, 0) + ObjectSizes.array(slots, Integer.BYTES)
                + ObjectSizes.object(1, 0, 0) + ObjectSizes.array(intervals, Long.BYTES)
                + ObjectSizes.object(0, 0, 1); // retired
    }

    /** Says how a reservoir is laid out; every setting has a default. */
    public static final class Builder {
        private long lowest = 1;
        private long highest = Integer.MAX_VALUE;
        private int bits = 5;
        private Duration window = Duration.ofMinutes(1);
        private int intervals = 2;
        private int stripes = 1;
        private LongSupplier nanos = System::nanoTime;

        private Builder() {
        }

        /**
         * @param lowest the smallest value told apart (its power of two is the unit values are counted in)
         * @param highest the largest value counted as itself; larger ones count as it
         */
        public Builder range(long lowest, long highest) {
            this.lowest = lowest;
            this.highest = highest;
            return this;
        }

        /**
         * The relative precision wanted: the buckets are the coarsest power-of-two layout within it (0.032 gives
         * 1/32: 3.1 %, 16 buckets per doubling of the value; 0.016 gives 1.6 %, 32 buckets).
         */
        public Builder relativeError(double fraction) {
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("a relative error is a fraction in (0, 1), not " + fraction);
            }
            int b = LogLinearBuckets.MIN_BITS;
            while (b < LogLinearBuckets.MAX_BITS && 1.0 / (1 << b) > fraction) {
                b++;
            }
            this.bits = b;
            return this;
        }

        /**
         * @param window how far back a snapshot looks (at least {@code window * (intervals - 1) / intervals}, at most
         *        {@code window})
         * @param intervals how many slots the window is cut into (at least 2): more follow the load down more
         *        smoothly and cost a set of counters each
         */
        public Builder window(Duration window, int intervals) {
            if (window.isNegative() || window.isZero() || intervals < 2 || intervals > 64) {
                throw new IllegalArgumentException("a window must be positive and cut into 2 to 64 intervals, not "
                        + window + " in " + intervals);
            }
            this.window = window;
            this.intervals = intervals;
            return this;
        }

        /**
         * Counters per thread group (rounded up to a power of two, at most 64): 1 for a reservoir few threads update
         * at once (each stripe is a full set of counters), more for one every request updates.
         */
        public Builder stripes(int stripes) {
            if (stripes < 1 || stripes > 64) {
                throw new IllegalArgumentException("stripes must be 1 to 64, not " + stripes);
            }
            this.stripes = Integer.bitCount(stripes) == 1 ? stripes : Integer.highestOneBit(stripes) << 1;
            return this;
        }

        /** One stripe per processor, up to 8 (what a reservoir every request updates wants). */
        public Builder stripesPerProcessor() {
            return stripes(Math.min(8, Runtime.getRuntime().availableProcessors()));
        }

        /** The clock ({@code System::nanoTime}; tests drive their own). */
        public Builder clock(LongSupplier nanos) {
            this.nanos = nanos;
            return this;
        }

        public RecentBucketReservoir build() {
            return new RecentBucketReservoir(this);
        }
    }
}
