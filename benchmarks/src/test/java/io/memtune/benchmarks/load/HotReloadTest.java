package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class HotReloadTest {

    @Test
    void aReloadIsVerifiedTheFirstTimeItsEffectIsSeen() {
        AtomicInteger asked = new AtomicInteger();
        HotReload reload = new HotReload(HotReload.Kind.TEMPLATE_EDIT, "page0 revision 7",
                () -> asked.incrementAndGet() < 3 ? "revision 6" : null);
        HotReload.Outcome outcome = reload.verify(Duration.ofSeconds(10));
        assertTrue(outcome.verified());
        assertNull(outcome.seenInstead());
        assertEquals(3, asked.get());
        assertTrue(outcome.seconds() >= 0.2 && outcome.seconds() < 5, "asked every 100 ms: " + outcome.seconds());
    }

    @Test
    void aReloadNeverSeenIsNotVerifiedAndSaysWhatWasSeenLast() {
        AtomicInteger asked = new AtomicInteger();
        HotReload reload = new HotReload(HotReload.Kind.CONFIG_EXECUTOR, "queue.batch 999", () -> "shows " + (1000 + asked.incrementAndGet()));
        HotReload.Outcome outcome = reload.verify(Duration.ofMillis(500));
        assertFalse(outcome.verified());
        assertEquals("shows " + (1000 + asked.get()), outcome.seenInstead());
        assertTrue(outcome.seconds() >= 0.5, "gave up after " + outcome.seconds());
    }

    @Test
    void aFailingQuestionCountsAsNotSeenYet() {
        AtomicInteger asked = new AtomicInteger();
        HotReload reload = new HotReload(HotReload.Kind.TEMPLATE_ADD, "soak-extra", () -> {
            if (asked.incrementAndGet() == 1) {
                throw new IOException("connection refused");
            }
            return null;
        });
        assertTrue(reload.verify(Duration.ofSeconds(10)).verified());
        HotReload never = new HotReload(HotReload.Kind.TEMPLATE_ADD, "soak-extra", () -> {
            throw new IOException("connection refused");
        });
        assertEquals("java.io.IOException: connection refused", never.verify(Duration.ofMillis(200)).seenInstead());
    }
}
