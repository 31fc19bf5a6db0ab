package io.memtune.concurrency.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QueueDelayShedderTest {

    private static final long MS = 1_000_000L;

    @Test
    void aBurstAboveTargetShorterThanTheIntervalIsNotShed() {
        QueueDelayShedder s = new QueueDelayShedder(5 * MS, 100 * MS);
        assertFalse(s.onDelay(50 * MS, 0));
        assertFalse(s.onDelay(50 * MS, 50 * MS));
        assertFalse(s.onDelay(1 * MS, 60 * MS), "under target: the standing queue is gone");
        assertFalse(s.onDelay(50 * MS, 150 * MS), "a new interval starts");
        assertFalse(s.shedding());
    }

    @Test
    void delayAboveTargetForAWholeIntervalSheds() {
        QueueDelayShedder s = new QueueDelayShedder(5 * MS, 100 * MS);
        assertFalse(s.onDelay(10 * MS, 0));
        assertFalse(s.onDelay(10 * MS, 99 * MS));
        assertTrue(s.onDelay(10 * MS, 100 * MS));
        assertTrue(s.shedding());
        assertFalse(s.onDelay(2 * MS, 120 * MS), "a task under target ends shedding");
        assertFalse(s.shedding());
    }

    @Test
    void anEmptyQueueEndsShedding() {
        QueueDelayShedder s = new QueueDelayShedder(5 * MS, 100 * MS);
        s.onDelay(10 * MS, 0);
        s.onDelay(10 * MS, 200 * MS);
        assertTrue(s.shedding());
        s.onQueueEmpty();
        assertFalse(s.shedding());
    }
}
