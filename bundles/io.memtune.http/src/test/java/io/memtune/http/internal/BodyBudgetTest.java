package io.memtune.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class BodyBudgetTest {

    @Test
    void reservesBodiesWhileTheyFitAndRefusesTheOneThatDoesNot() {
        BodyBudget budget = new BodyBudget(1000);

        assertTrue(budget.tryReserve(600));
        assertTrue(budget.tryReserve(400));
        assertFalse(budget.tryReserve(1));
        assertEquals(1000, budget.reserved());
    }

    @Test
    void aReleasedBodyMakesRoomAgain() {
        BodyBudget budget = new BodyBudget(1000);
        budget.tryReserve(700);
        assertFalse(budget.tryReserve(700));

        budget.release(700);

        assertTrue(budget.tryReserve(700));
    }

    @Test
    void aBodyLargerThanTheWholeBudgetPassesAloneSoASmallBudgetNeverRefusesEverything() {
        BodyBudget budget = new BodyBudget(100);

        assertTrue(budget.tryReserve(5000), "nothing else held");
        assertFalse(budget.tryReserve(1), "but nothing beside it");
    }

    @Test
    void concurrentRequestsNeverHoldMoreThanTheBudgetTogether() throws InterruptedException {
        BodyBudget budget = new BodyBudget(10_000);
        AtomicLong most = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    if (budget.tryReserve(3000)) {
                        most.accumulateAndGet(budget.reserved(), Math::max);
                        budget.release(3000);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }

        assertTrue(most.get() <= 10_000, "held together at most " + most.get());
        assertTrue(most.get() >= 3000, "and something was admitted");
        assertEquals(0, budget.reserved());
    }

    @Test
    void aHeapShareIsThatShareOfTheMaximumHeap() {
        assertEquals((long) (Runtime.getRuntime().maxMemory() * 0.25), BodyBudget.ofHeap(0.25).capacity());
    }
}
