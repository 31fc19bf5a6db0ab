package io.memtune.api.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RecentReservoirTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final RecentReservoir reservoir = new RecentReservoir(4, Duration.ofMinutes(1), clock::get);

    @Test
    void describesEveryValueWhileFewerThanItsCapacityAreHeld() {
        reservoir.update(30);
        reservoir.update(10);
        reservoir.update(20);
        assertArrayEquals(new long[] {10, 20, 30}, reservoir.getSnapshot().getValues());
        assertEquals(3, reservoir.size());
    }

    @Test
    void keepsOnlyTheLatestValuesAboveItsCapacity() {
        for (long v = 1; v <= 10; v++) {
            reservoir.update(v);
        }
        assertArrayEquals(new long[] {7, 8, 9, 10}, reservoir.getSnapshot().getValues());
    }

    @Test
    void forgetsValuesOlderThanItsWindowSoPercentilesFollowTheLoadDown() {
        reservoir.update(500);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(45));
        reservoir.update(5);
        assertEquals(500, reservoir.getSnapshot().getMax());
        clock.addAndGet(TimeUnit.SECONDS.toNanos(30));
        assertArrayEquals(new long[] {5}, reservoir.getSnapshot().getValues());
        clock.addAndGet(TimeUnit.MINUTES.toNanos(2));
        assertEquals(0, reservoir.size());
        assertEquals(0, reservoir.getSnapshot().get99thPercentile());
    }

    @Test
    void refusesANonsensicalCapacityOrWindow() {
        assertThrows(IllegalArgumentException.class, () -> new RecentReservoir(0, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new RecentReservoir(8, Duration.ZERO));
    }
}
