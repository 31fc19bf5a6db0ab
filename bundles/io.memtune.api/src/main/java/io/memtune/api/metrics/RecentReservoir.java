package io.memtune.api.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

import com.codahale.metrics.Reservoir;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.UniformSnapshot;

/**
 * The latest measurements, at most {@code capacity} of them and none older than {@code window}: percentiles follow
 * the load down when it stops (as with Dropwizard's sliding time windows), while memory and the cost of a snapshot
 * stay fixed whatever the rate (a sliding time window holds every value of its window, 16 bytes each, and copies
 * and sorts them all on every snapshot: at 20,000 updates a second, 1.2 million values a minute). Above
 * {@code capacity / window} updates a second it describes the last {@code capacity} of them, which is a shorter
 * span than the window.
 *
 * <p>Thread-safe; an update is a few stores under an uncontended monitor. Dropwizard offers either bound but not
 * both: {@code SlidingWindowReservoir} keeps stale values for ever when the load stops, and its time windows grow
 * with the rate.
 */
public final class RecentReservoir implements Reservoir {

    private final long[] values;
    private final long[] times;
    private final long windowNanos;
    private final LongSupplier nanos;
    private long count;

    public RecentReservoir(int capacity, Duration window) {
        this(capacity, window, System::nanoTime);
    }

    /** @param nanos the clock (tests drive their own) */
    public RecentReservoir(int capacity, Duration window, LongSupplier nanos) {
        if (capacity < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a reservoir needs a capacity of at least 1 and a positive window, not "
                    + capacity + " and " + window);
        }
        this.values = new long[capacity];
        this.times = new long[capacity];
        this.windowNanos = window.toNanos();
        this.nanos = nanos;
    }

    @Override
    public synchronized int size() {
        return inWindow(nanos.getAsLong()).length;
    }

    @Override
    public void update(long value) {
        long now = nanos.getAsLong();
        synchronized (this) {
            int slot = (int) (count++ % values.length);
            values[slot] = value;
            times[slot] = now;
        }
    }

    @Override
    public Snapshot getSnapshot() {
        long[] recent;
        long now = nanos.getAsLong();
        synchronized (this) {
            recent = inWindow(now);
        }
        return new UniformSnapshot(recent); // sorts its own copy, outside the monitor
    }

    /** Must hold the monitor. */
    private long[] inWindow(long now) {
        int held = (int) Math.min(count, values.length);
        long[] recent = new long[held];
        int n = 0;
        for (int i = 0; i < held; i++) {
            if (now - times[i] <= windowNanos) {
                recent[n++] = values[i];
            }
        }
        return n == held ? recent : Arrays.copyOf(recent, n);
    }
}
