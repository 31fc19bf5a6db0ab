package io.memtune.api.metrics;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.codahale.metrics.Clock;
import com.codahale.metrics.EWMA;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.SlidingWindowReservoir;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;

/**
 * A Dropwizard {@link Timer} over a {@link RecentBucketReservoir} and nothing else: an update is the reservoir's
 * update (no lock, one counter incremented). A plain {@code Timer} adds a {@code Meter} and a {@code Histogram}
 * whose five {@code LongAdder}s each grow a padded cell per contending processor (kilobytes a timer on a large
 * machine, whatever its budget); here the count comes from the reservoir (exact) and the one-, five- and
 * fifteen-minute rates are Dropwizard's {@link EWMA}s, ticked when read from the count's growth since the last read
 * (spread evenly over the ticks between), so writers never touch them.
 *
 * <p>Reads ({@link #getOneMinuteRate()} and the like) take this timer's monitor; updates never do.
 */
public final class RecentTimer extends Timer {

    /** Never used: every method that would reach them is overridden. */
    private static final Meter UNUSED_METER = new Meter();
    private static final Histogram UNUSED_HISTOGRAM = new Histogram(new SlidingWindowReservoir(1));
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Beyond this many missed ticks (a week idle) the rates are zero for any purpose: start them again. */
    private static final long MAX_TICKS = TimeUnit.DAYS.toNanos(7) / TICK_NANOS;

    private final RecentBucketReservoir reservoir;
    private final LongSupplier nanos;
    private final long start;
    private final EWMA m1 = EWMA.oneMinuteEWMA();
    private final EWMA m5 = EWMA.fiveMinuteEWMA();
    private final EWMA m15 = EWMA.fifteenMinuteEWMA();
    /** Guarded by this. */
    private long lastTick;
    private long countAtLastTick;

    /** A timer of nanosecond latencies ({@link RecentBucketReservoir#latencies()}). */
    public RecentTimer() {
        this(RecentBucketReservoir.latencies().build(), System::nanoTime);
    }

    /**
     * @param reservoir of nanoseconds, on the same clock
     * @param nanos the clock ({@code System::nanoTime}; tests drive their own)
     */
    public RecentTimer(RecentBucketReservoir reservoir, LongSupplier nanos) {
        super(UNUSED_METER, UNUSED_HISTOGRAM, new Clock() {
            @Override
            public long getTick() {
                return nanos.getAsLong();
            }
        });
        this.reservoir = reservoir;
        this.nanos = nanos;
        this.start = nanos.getAsLong();
        this.lastTick = start;
    }

    /** A duration that ended at a time the caller already read (saves a clock read on a hot path). */
    public void update(long durationNanos, long endNanos) {
        if (durationNanos >= 0) {
            reservoir.update(durationNanos, endNanos);
        }
    }

    @Override
    public void update(long duration, TimeUnit unit) {
        update(unit.toNanos(duration), nanos.getAsLong());
    }

    @Override
    public void update(Duration duration) {
        update(duration.toNanos(), nanos.getAsLong());
    }

    @Override
    public <T> T time(Callable<T> event) throws Exception {
        long begin = nanos.getAsLong();
        try {
            return event.call();
        } finally {
            long end = nanos.getAsLong();
            update(end - begin, end);
        }
    }

    @Override
    public <T> T timeSupplier(Supplier<T> event) {
        long begin = nanos.getAsLong();
        try {
            return event.get();
        } finally {
            long end = nanos.getAsLong();
            update(end - begin, end);
        }
    }

    @Override
    public void time(Runnable event) {
        long begin = nanos.getAsLong();
        try {
            event.run();
        } finally {
            long end = nanos.getAsLong();
            update(end - begin, end);
        }
    }

    // time() (a Context) is Timer's own: its stop() calls update(long, TimeUnit), overridden above

    @Override
    public long getCount() {
        return reservoir.count();
    }

    @Override
    public Snapshot getSnapshot() {
        return reservoir.getSnapshot();
    }

    @Override
    public double getOneMinuteRate() {
        tick();
        return m1.getRate(TimeUnit.SECONDS);
    }

    @Override
    public double getFiveMinuteRate() {
        tick();
        return m5.getRate(TimeUnit.SECONDS);
    }

    @Override
    public double getFifteenMinuteRate() {
        tick();
        return m15.getRate(TimeUnit.SECONDS);
    }

    @Override
    public double getMeanRate() {
        long elapsed = nanos.getAsLong() - start;
        return elapsed <= 0 ? 0.0 : getCount() / (elapsed / 1e9);
    }

    /** The heap this timer holds, an upper bound fixed at construction (see the reservoir's). */
    public long estimatedBytes() {
        long ewma = ObjectSizes.object(1, 1, 3) + ObjectSizes.object(1, 1, 1); // EWMA and its LongAdder, never contended
        return ObjectSizes.object(8, 0, 3) + ObjectSizes.object(1, 0, 0) /* the clock */ + 3 * ewma
                + reservoir.estimatedBytes();
    }

    /** Brings the rates up to now: the growth of the count since the last tick, spread over the ticks since. */
    private synchronized void tick() {
        long now = nanos.getAsLong();
        long ticks = (now - lastTick) / TICK_NANOS;
        if (ticks <= 0) {
            return;
        }
        lastTick += ticks * TICK_NANOS;
        long count = reservoir.count();
        long growth = count - countAtLastTick;
        countAtLastTick = count;
        if (ticks > MAX_TICKS) {
            m1.reset();
            m5.reset();
            m15.reset();
            return;
        }
        for (long i = 0; i < ticks; i++) {
            long share = growth / ticks + (i < growth % ticks ? 1 : 0);
            advance(m1, share);
            advance(m5, share);
            advance(m15, share);
        }
    }

    private static void advance(EWMA rate, long events) {
        rate.update(events);
        rate.tick();
    }
}
