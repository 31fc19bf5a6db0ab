package io.memtune.api.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

import com.codahale.metrics.Timer;

class RecentTimerTest {

    private final AtomicLong clock = new AtomicLong(7_000_000_000L);
    private final RecentTimer timer = new RecentTimer(RecentBucketReservoir.latencies().clock(clock::get).build(), clock::get);

    @Test
    void recordsEveryWayATimerIsFed() throws Exception {
        timer.update(2, TimeUnit.MILLISECONDS);
        timer.update(Duration.ofMillis(2));
        timer.update(TimeUnit.MILLISECONDS.toNanos(2), clock.get());
        timer.time(() -> clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(2)));
        timer.time(() -> {
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(2));
            return 1;
        });
        timer.timeSupplier(() -> clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(2)));
        try (Timer.Context context = timer.time()) {
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(2));
        }
        timer.update(-1, TimeUnit.MILLISECONDS); // ignored, as Dropwizard's timer ignores it
        assertEquals(7, timer.getCount());
        double p50 = timer.getSnapshot().getMedian();
        assertTrue(Math.abs(p50 - 2_000_000) <= 2_000_000 / 32.0, "median " + p50);
    }

    @Test
    void overridesEveryPublicMethodOfDropwizardsTimerSoNoneReachesTheUnusedMeter() throws Exception {
        for (Method m : Timer.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers())
                    || m.getName().equals("time") && m.getParameterCount() == 0) {
                continue; // time() hands out a Context whose stop() calls update(long, TimeUnit)
            }
            assertEquals(RecentTimer.class, RecentTimer.class.getMethod(m.getName(), m.getParameterTypes())
                    .getDeclaringClass(), m.toString());
        }
    }

    @Test
    void ratesAreDropwizardsMovingAveragesOfTheCountWithoutWritersTouchingThem() {
        // 40 a second for three minutes, rates read every 15 s (a scrape), then nothing for two minutes
        for (int second = 1; second <= 180; second++) {
            for (int i = 0; i < 40; i++) {
                timer.update(1_000_000, clock.get());
            }
            clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
            if (second % 15 == 0) {
                assertEquals(40, timer.getOneMinuteRate(), 0.4, "one-minute rate at " + second + " s");
                assertEquals(40, timer.getFiveMinuteRate(), 0.4);
                assertEquals(40, timer.getFifteenMinuteRate(), 0.4);
            }
        }
        assertEquals(40, timer.getMeanRate(), 0.01);
        clock.addAndGet(TimeUnit.MINUTES.toNanos(2));
        // an exponentially weighted average decays by e^(-idle / its period)
        assertEquals(40 * Math.exp(-120.0 / 60), timer.getOneMinuteRate(), 0.4);
        assertEquals(40 * Math.exp(-120.0 / 300), timer.getFiveMinuteRate(), 0.4);
        assertEquals(40 * Math.exp(-120.0 / 900), timer.getFifteenMinuteRate(), 0.4);
        assertEquals(7_200, timer.getCount());
    }

    @Test
    void holdsWhatItsEstimateSaysAFewKilobytes() throws Exception {
        RecentTimer systemClock = new RecentTimer();
        // the superclass's placeholders are static, shared by every timer: not part of one
        long measured = GraphLayout.parseInstance(systemClock).totalSize() - GraphLayout.parseInstance(
                staticField("UNUSED_METER"), staticField("UNUSED_HISTOGRAM")).totalSize();
        assertTrue(measured <= systemClock.estimatedBytes() && measured >= 0.75 * systemClock.estimatedBytes(),
                "measured " + measured + ", estimated " + systemClock.estimatedBytes());
        assertTrue(systemClock.estimatedBytes() < 4_096, systemClock.estimatedBytes() + " bytes");
    }

    private static Object staticField(String name) throws ReflectiveOperationException {
        Field field = RecentTimer.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(null);
    }
}
