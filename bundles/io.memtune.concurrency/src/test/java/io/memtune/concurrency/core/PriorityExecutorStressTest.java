package io.memtune.concurrency.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.memtune.api.concurrency.ExecutorStatistics;
import io.memtune.api.concurrency.Priority;
import io.memtune.api.concurrency.RejectedException;

/**
 * Many threads submitting with random priorities, deadlines and cancellations, some running their tasks themselves:
 * every future ends, no task runs twice, no more run at once than the maximum, and the counts add up.
 */
class PriorityExecutorStressTest {

    @Test
    void invariantsHoldUnderConcurrentSubmissionsAndCancellations() throws Exception {
        ExecutorSettings s = new ExecutorSettings("stress", 1, 6, Map.of(Priority.INTERACTIVE, 50, Priority.BATCH, 50),
                Map.of(Priority.INTERACTIVE, 0.7, Priority.BATCH, 0.3), Duration.ofMillis(200), Duration.ofMillis(50),
                Duration.ofMillis(5), Duration.ofMillis(100), 1.0);
        PriorityExecutor executor = new PriorityExecutor(s, new Gradient2ConcurrencyLimit(4, 1, 6), () -> 0, System::nanoTime);
        Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        List<CompletableFuture<Integer>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger ids = new AtomicInteger();
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 300; i++) {
                    int id = ids.incrementAndGet();
                    Priority p = random.nextBoolean() ? Priority.INTERACTIVE : Priority.BATCH;
                    Duration deadline = Duration.ofMillis(random.nextInt(1, 300));
                    Callable<Integer> task = () -> {
                        runs.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                        int now = concurrent.incrementAndGet();
                        maxConcurrent.accumulateAndGet(now, Math::max);
                        Thread.sleep(ThreadLocalRandom.current().nextInt(0, 2));
                        concurrent.decrementAndGet();
                        return id;
                    };
                    // a third waited for by their callers, who run them themselves when a worker would at once
                    CompletableFuture<Integer> f = random.nextInt(3) == 0 ? executor.submitOrRun(p, deadline, task)
                            : executor.submit(p, deadline, task);
                    if (random.nextInt(10) == 0) {
                        f.cancel(false);
                    }
                    futures.add(f);
                }
            });
            submitters.add(thread);
            thread.start();
        }
        for (Thread t : submitters) {
            t.join();
        }
        int completed = 0;
        int rejected = 0;
        int cancelled = 0;
        for (CompletableFuture<Integer> f : futures) {
            try {
                f.get(30, TimeUnit.SECONDS);
                completed++;
            } catch (ExecutionException e) {
                assertTrue(e.getCause() instanceof RejectedException, "only rejections fail: " + e.getCause());
                rejected++;
            } catch (java.util.concurrent.CancellationException e) {
                cancelled++;
            }
        }
        assertEquals(2400, completed + rejected + cancelled, "every future ended");
        assertTrue(runs.values().stream().allMatch(n -> n.get() == 1), "no task ran twice");
        assertTrue(maxConcurrent.get() <= 6, "never more than the maximum at once: " + maxConcurrent.get());
        assertTrue(completed > 0, "work was done");
        ExecutorStatistics stats = executor.statistics();
        long rejectedByExecutor = stats.classes().values().stream()
                .mapToLong(c -> c.rejected().values().stream().mapToLong(Long::longValue).sum()).sum();
        assertTrue(rejectedByExecutor >= rejected, rejectedByExecutor + " counted, " + rejected + " seen");
        executor.close();
    }
}
