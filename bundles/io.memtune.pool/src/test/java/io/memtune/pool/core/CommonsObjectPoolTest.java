package io.memtune.pool.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.memtune.api.pool.Lease;
import io.memtune.api.pool.PoolTimeoutException;
import io.memtune.api.pool.ResourceFactory;

class CommonsObjectPoolTest {

    /** A factory of numbered objects; objects numbered in {@code broken} fail validation. */
    private static final class Numbers implements ResourceFactory<int[]> {
        final AtomicInteger created = new AtomicInteger();
        final Set<Integer> broken = ConcurrentHashMap.newKeySet();

        @Override
        public int[] create() {
            return new int[] {created.incrementAndGet()};
        }

        @Override
        public boolean validate(int[] object) {
            return !broken.contains(object[0]);
        }
    }

    private static CommonsObjectPool<int[]> pool(Numbers factory, int max, Duration abandoned, List<String> reports) {
        return new CommonsObjectPool<>("numbers", factory, new CommonsObjectPool.Settings(0, max, Duration.ofMillis(100),
                Duration.ofMillis(50), Duration.ofMinutes(1), abandoned, null), reports::add);
    }

    @Test
    void reusesReturnedObjects() {
        Numbers factory = new Numbers();
        try (CommonsObjectPool<int[]> pool = pool(factory, 2, Duration.ZERO, new ArrayList<>())) {
            int[] first;
            try (Lease<int[]> lease = pool.borrow()) {
                first = lease.get();
            }
            try (Lease<int[]> lease = pool.borrow()) {
                assertSame(first, lease.get());
            }
            assertEquals(1, factory.created.get());
            assertEquals(2, pool.statistics().borrows());
        }
    }

    @Test
    void aBorrowNeverWaitsForeverAndTheTimeoutNamesThePool() {
        try (CommonsObjectPool<int[]> pool = pool(new Numbers(), 1, Duration.ZERO, new ArrayList<>())) {
            Lease<int[]> held = pool.borrow();
            PoolTimeoutException e = assertThrows(PoolTimeoutException.class, () -> pool.borrow(Duration.ofMillis(50)));
            assertEquals("numbers", e.pool());
            assertTrue(e.getMessage().contains("pool 'numbers': no object free within 50 ms (1 lent of 1"), e.getMessage());
            assertEquals(1, pool.statistics().timeouts());
            held.close();
        }
    }

    @Test
    void anInvalidObjectIsDestroyedNotLent() {
        Numbers factory = new Numbers();
        try (CommonsObjectPool<int[]> pool = pool(factory, 2, Duration.ZERO, new ArrayList<>())) {
            int[] first;
            try (Lease<int[]> lease = pool.borrow()) {
                first = lease.get();
            }
            factory.broken.add(first[0]);
            try (Lease<int[]> lease = pool.borrow()) {
                assertNotSame(first, lease.get());
            }
            assertTrue(pool.statistics().validationFailures() >= 1);
        }
    }

    @Test
    void anAbandonedObjectIsReclaimedAndReportedWithTheBorrowersStack() throws Exception {
        List<String> reports = new CopyOnWriteArrayList<>();
        try (CommonsObjectPool<int[]> pool = pool(new Numbers(), 1, Duration.ofMillis(100), reports)) {
            pool.borrow(); // never returned
            Thread.sleep(1200); // past the abandonment timeout, and a maintenance run (every 50 ms)
            try (Lease<int[]> lease = pool.borrow(Duration.ofSeconds(2))) {
                assertTrue(lease.get()[0] >= 1, "the pool lends again");
            }
            assertTrue(pool.statistics().abandoned() >= 1, pool.statistics().toString());
            assertTrue(reports.stream().anyMatch(r -> r.contains("CommonsObjectPoolTest")), "the report has the stack: " + reports);
        }
    }

    @Test
    void noObjectIsLentToTwoBorrowersAtOnce() throws Exception {
        Set<int[]> lent = ConcurrentHashMap.newKeySet();
        AtomicInteger violations = new AtomicInteger();
        try (CommonsObjectPool<int[]> pool = pool(new Numbers(), 4, Duration.ZERO, new ArrayList<>())) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 500; i++) {
                        try (Lease<int[]> lease = pool.borrow(Duration.ofSeconds(5))) {
                            if (!lent.add(lease.get())) {
                                violations.incrementAndGet();
                            }
                            Thread.onSpinWait();
                            lent.remove(lease.get());
                        }
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(0, violations.get());
            assertEquals(0, pool.statistics().active(), "every object came back");
            assertTrue(pool.statistics().size() <= 4);
        }
    }
}
