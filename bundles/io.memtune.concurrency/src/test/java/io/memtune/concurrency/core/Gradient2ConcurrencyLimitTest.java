package io.memtune.concurrency.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Gradient2ConcurrencyLimitTest {

    private static final long MS = 1_000_000L;

    @Test
    void growsWhileRunTimesHoldAndShrinksWhenTheyRise() {
        Gradient2ConcurrencyLimit limit = new Gradient2ConcurrencyLimit(10, 2, 200);
        long t = 0;
        for (int i = 0; i < 2000; i++) {
            limit.sample(t, 10 * MS, limit.current());
            t += MS;
        }
        int grown = limit.current();
        assertTrue(grown > 10, "steady 10 ms run times at full use: the limit grows, now " + grown);
        for (int i = 0; i < 200; i++) {
            limit.sample(t, 100 * MS, limit.current());
            t += MS;
        }
        assertTrue(limit.current() < grown, "run times ten times longer: the limit falls, " + grown + " -> " + limit.current());
        assertTrue(limit.current() >= 2, "never below the minimum");
    }

    @Test
    void theLimitMovesAtMostOnceAWindowNotOnceATask() {
        Gradient2ConcurrencyLimit limit = new Gradient2ConcurrencyLimit(10, 2, 200);
        long t = 0;
        int changes = 0;
        int last = limit.current();
        for (int i = 0; i < 2000; i++) { // two seconds of 1 ms tasks
            limit.sample(t, MS, limit.current());
            t += MS;
            if (limit.current() != last) {
                changes++;
                last = limit.current();
            }
        }
        assertTrue(changes > 0, "the limit moved");
        assertTrue(changes <= 2000 / Gradient2ConcurrencyLimit.MIN_WINDOW_MS + 1,
                "at most once per window of " + Gradient2ConcurrencyLimit.MIN_WINDOW_MS + " ms: " + changes + " changes");
    }

    @Test
    void countsRunTimesOfMicrosecondsToo() {
        Gradient2ConcurrencyLimit limit = new Gradient2ConcurrencyLimit(10, 2, 200);
        long t = 0;
        for (int i = 0; i < 200_000; i++) {
            limit.sample(t, 20_000, limit.current()); // 20 µs renders, back to back
            t += 20_000;
        }
        assertTrue(limit.current() > 10, "short run times at full use grow the limit too, now " + limit.current());
    }
}
