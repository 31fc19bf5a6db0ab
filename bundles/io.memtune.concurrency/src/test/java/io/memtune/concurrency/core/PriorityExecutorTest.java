package io.memtune.concurrency.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.memtune.api.concurrency.Priority;
import io.memtune.api.concurrency.RejectedException;
import io.memtune.api.concurrency.RejectedException.Reason;

class PriorityExecutorTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<PriorityExecutor> executors = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    /** A fixed limit: these tests are about queueing, not about the limit's algorithm. */
    private static ConcurrencyLimit fixed(int n) {
        return new ConcurrencyLimit() {
            @Override
            public int current() {
                return n;
            }

            @Override
            public void sample(long startNanos, long runNanos, int inFlight) {
            }
        };
    }

    private PriorityExecutor executor(int min, int max, int queue, double memory, ConcurrencyLimit limit, Duration keepAlive) {
        ExecutorSettings s = new ExecutorSettings("test", min, max,
                Map.of(Priority.INTERACTIVE, queue, Priority.BATCH, queue),
                Map.of(Priority.INTERACTIVE, 0.8, Priority.BATCH, 0.2), Duration.ofSeconds(10), keepAlive,
                Duration.ofMillis(5), Duration.ofMillis(100), memory);
        PriorityExecutor e = new PriorityExecutor(s, limit, () -> 0.5, clock::get);
        executors.add(e);
        return e;
    }

    @AfterEach
    void closeAll() {
        release.countDown();
        executors.forEach(PriorityExecutor::close);
    }

    private CompletableFuture<String> blocker(PriorityExecutor e, CountDownLatch started) {
        return e.submit(Priority.INTERACTIVE, null, () -> {
            started.countDown();
            release.await();
            return "done";
        });
    }

    /** A task that holds a worker until {@code release}, once it runs. */
    private CompletableFuture<String> occupied(PriorityExecutor e) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> running = blocker(e, started);
        started.await();
        return running;
    }

    private static Reason reasonOf(CompletableFuture<?> f) {
        try {
            f.get(5, TimeUnit.SECONDS);
            throw new AssertionError("completed instead of being rejected");
        } catch (ExecutionException e) {
            return assertInstanceOf(RejectedException.class, e.getCause()).reason();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void refusesAtOnceWhenTheClassQueueIsFull() throws Exception {
        PriorityExecutor e = executor(1, 1, 2, 1.0, fixed(1), Duration.ofSeconds(30));
        occupied(e);
        e.submit(Priority.INTERACTIVE, null, () -> 1);
        e.submit(Priority.INTERACTIVE, null, () -> 2);
        CompletableFuture<Integer> third = e.submit(Priority.INTERACTIVE, null, () -> 3);
        assertTrue(third.isDone(), "refused on admission, not later");
        assertEquals(Reason.QUEUE_FULL, reasonOf(third));
        assertTrue(e.submit(Priority.BATCH, null, () -> 4) != null, "the batch queue is separate");
        assertEquals(1, e.statistics().classes().get(Priority.INTERACTIVE).rejected().get(Reason.QUEUE_FULL));
    }

    @Test
    void tellsWhetherItWouldRefuseBeforeTheWorkIsPrepared() throws Exception {
        PriorityExecutor e = executor(1, 1, 1, 1.0, fixed(1), Duration.ofSeconds(30));
        assertEquals(null, e.refusalNow(Priority.INTERACTIVE), "idle: it would take it");
        occupied(e);
        e.submit(Priority.INTERACTIVE, null, () -> 1);
        RejectedException full = e.refusalNow(Priority.INTERACTIVE);
        assertEquals(Reason.QUEUE_FULL, full.reason());
        assertEquals(null, e.refusalNow(Priority.BATCH), "the batch queue has room");
        assertEquals(1, e.statistics().classes().get(Priority.INTERACTIVE).rejected().get(Reason.QUEUE_FULL),
                "counted as a refusal");
        e.shutdown();
        assertEquals(Reason.SHUTDOWN, e.refusalNow(Priority.BATCH).reason());
    }

    @Test
    void aRefusalIsCheapFlowControlWithoutAStackTrace() throws Exception {
        PriorityExecutor e = executor(1, 1, 0, 1.0, fixed(1), Duration.ofSeconds(30));
        CompletableFuture<Integer> refused = e.submit(Priority.INTERACTIVE, null, () -> 1);
        RejectedException rejection = (RejectedException) assertThrows(ExecutionException.class, refused::get).getCause();
        assertEquals(Reason.QUEUE_FULL, rejection.reason());
        assertEquals(0, rejection.getStackTrace().length, "a refusal under overload must not pay for a trace");
        assertTrue(rejection.getMessage().contains("queue is full (0)"), rejection.getMessage());
    }

    @Test
    void aStoppingExecutorWithAFullQueueRefusesAsStoppingNotAsFull() throws Exception {
        // callers treat "stopping" as a swap (they run the work themselves) and "full" as overload (503)
        PriorityExecutor e = executor(1, 1, 1, 1.0, fixed(1), Duration.ofSeconds(30));
        occupied(e);
        e.submit(Priority.INTERACTIVE, null, () -> 1);
        assertEquals(Reason.QUEUE_FULL, reasonOf(e.submit(Priority.INTERACTIVE, null, () -> 2)));
        e.shutdown();
        assertEquals(Reason.SHUTDOWN, reasonOf(e.submit(Priority.INTERACTIVE, null, () -> 3)));
    }

    @Test
    void theQueueStaysUsableAfterAStormOfRefusals() throws Exception {
        PriorityExecutor e = executor(1, 1, 2, 1.0, fixed(1), Duration.ofSeconds(30));
        CompletableFuture<String> running = occupied(e);
        List<CompletableFuture<Integer>> queued = List.of(e.submit(Priority.INTERACTIVE, null, () -> 1),
                e.submit(Priority.INTERACTIVE, null, () -> 2));
        for (int i = 0; i < 1000; i++) {
            assertEquals(Reason.QUEUE_FULL, reasonOf(e.submit(Priority.INTERACTIVE, null, () -> 0)));
        }
        release.countDown();
        assertEquals("done", running.get(10, TimeUnit.SECONDS));
        assertEquals(1, queued.get(0).get(10, TimeUnit.SECONDS));
        assertEquals(2, queued.get(1).get(10, TimeUnit.SECONDS));
        // the lengths read without the lock followed the queue down: it takes work again
        assertEquals(3, e.submit(Priority.INTERACTIVE, null, () -> 3).get(10, TimeUnit.SECONDS));
    }

    @Test
    void aGracefulShutdownRunsWhatIsQueuedAndRefusesNewWork() throws Exception {
        PriorityExecutor e = executor(1, 1, 5, 1.0, fixed(1), Duration.ofSeconds(30));
        CompletableFuture<String> running = occupied(e);
        CompletableFuture<Integer> queued = e.submit(Priority.INTERACTIVE, null, () -> 7);
        e.shutdown();
        CompletableFuture<Integer> late = e.submit(Priority.INTERACTIVE, null, () -> 8);
        assertEquals(Reason.SHUTDOWN, reasonOf(late));
        release.countDown();
        assertEquals("done", running.get(5, TimeUnit.SECONDS));
        assertEquals(7, queued.get(5, TimeUnit.SECONDS), "queued before the shutdown: it still runs");
    }

    @Test
    void refusesNewWorkAboveTheMemoryLine() {
        ExecutorSettings s = new ExecutorSettings("mem", 0, 1, Map.of(Priority.INTERACTIVE, 5, Priority.BATCH, 5),
                Map.of(Priority.INTERACTIVE, 0.5, Priority.BATCH, 0.5), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofMillis(5), Duration.ofMillis(100), 0.9);
        PriorityExecutor e = new PriorityExecutor(s, fixed(1), () -> 0.95, clock::get);
        executors.add(e);
        CompletableFuture<Integer> f = e.submit(Priority.INTERACTIVE, null, () -> 1);
        assertTrue(f.isDone());
        assertEquals(Reason.MEMORY, reasonOf(f));
        assertEquals(Reason.MEMORY, reasonOf(e.submitOrRun(Priority.INTERACTIVE, null, () -> 1)), "nor on the caller's thread");
    }

    @Test
    void dropsATaskWhoseDeadlinePassedWhileQueued() throws Exception {
        PriorityExecutor e = executor(1, 1, 5, 1.0, fixed(1), Duration.ofSeconds(30));
        CompletableFuture<String> running = occupied(e);
        CompletableFuture<Integer> late = e.submit(Priority.INTERACTIVE, Duration.ofMillis(50), () -> 1);
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(51));
        release.countDown();
        assertEquals("done", running.get(5, TimeUnit.SECONDS));
        assertEquals(Reason.DEADLINE, reasonOf(late));
    }

    @Test
    void refusesAtOnceWhenQueuedWorkHasWaitedPastTheTargetForAnInterval() throws Exception {
        PriorityExecutor e = executor(1, 1, 100, 1.0, fixed(1), Duration.ofSeconds(30));
        occupied(e); // the only worker is stuck: nothing is dequeued from here on
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        queued.add(e.submit(Priority.INTERACTIVE, Duration.ofHours(1), () -> 1));
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(50)); // the oldest has waited 50 ms > 5 ms: the interval starts
        queued.add(e.submit(Priority.INTERACTIVE, Duration.ofHours(1), () -> 2));
        assertTrue(!queued.get(1).isDone(), "a burst is not shed yet");
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(150)); // still above target a whole interval later
        CompletableFuture<Integer> refused = e.submit(Priority.INTERACTIVE, Duration.ofHours(1), () -> 3);
        assertTrue(refused.isDone(), "refused on admission, fast");
        assertEquals(Reason.SHED, reasonOf(refused));
        assertTrue(e.statistics().shedding());

        release.countDown(); // the worker comes back: the stale queued work is dropped, not run
        for (CompletableFuture<Integer> f : queued) {
            assertEquals(Reason.SHED, reasonOf(f));
        }
        await("shedding over once the queue is empty", () -> !e.statistics().shedding());
        assertEquals(4, e.submit(Priority.INTERACTIVE, null, () -> 4).get(5, TimeUnit.SECONDS));
    }

    @Test
    void interactiveKeepsItsShareWhileBatchFloods() throws Exception {
        PriorityExecutor e = executor(1, 1, 100, 1.0, fixed(1), Duration.ofSeconds(30));
        occupied(e);
        List<Priority> order = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(e.submit(Priority.BATCH, Duration.ofHours(1), () -> order.add(Priority.BATCH)));
        }
        for (int i = 0; i < 20; i++) {
            all.add(e.submit(Priority.INTERACTIVE, Duration.ofHours(1), () -> order.add(Priority.INTERACTIVE)));
        }
        release.countDown();
        CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(10, TimeUnit.SECONDS);
        List<Priority> firstTen = order.subList(0, 10);
        long interactive = firstTen.stream().filter(p -> p == Priority.INTERACTIVE).count();
        assertTrue(interactive >= 7 && interactive <= 9, "80/20 shares, first ten: " + firstTen);
        assertTrue(firstTen.contains(Priority.BATCH), "batch is not starved either: " + firstTen);
    }

    @Test
    void growsWorkersUpToTheMaximumAndRetiresIdleOnes() throws Exception {
        PriorityExecutor e = executor(1, 4, 100, 1.0, fixed(10), Duration.ofMillis(100));
        CountDownLatch started = new CountDownLatch(4);
        List<CompletableFuture<String>> blockers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            blockers.add(blocker(e, started));
        }
        assertTrue(started.await(5, TimeUnit.SECONDS), "four run at once");
        assertEquals(4, e.statistics().workers());
        assertEquals(4, e.statistics().active());
        assertEquals(2, e.statistics().classes().get(Priority.INTERACTIVE).queued());
        release.countDown();
        CompletableFuture.allOf(blockers.toArray(new CompletableFuture[0])).get(5, TimeUnit.SECONDS);
        await("idle workers retired down to the minimum", () -> e.statistics().workers() == 1);
    }

    @Test
    void runsNoMoreAtOnceThanTheLimit() throws Exception {
        PriorityExecutor e = executor(0, 8, 100, 1.0, fixed(2), Duration.ofSeconds(30));
        CountDownLatch started = new CountDownLatch(2);
        for (int i = 0; i < 5; i++) {
            blocker(e, started);
        }
        started.await(5, TimeUnit.SECONDS);
        Thread.sleep(100); // had a third started, it would show now
        assertEquals(2, e.statistics().active());
        assertEquals(3, e.statistics().classes().get(Priority.INTERACTIVE).queued());
    }

    @Test
    void closingRefusesWhatIsQueuedAndWhatComes() throws Exception {
        PriorityExecutor e = executor(1, 1, 10, 1.0, fixed(1), Duration.ofSeconds(30));
        occupied(e);
        CompletableFuture<Integer> queued = e.submit(Priority.BATCH, null, () -> 1);
        e.close();
        assertEquals(Reason.SHUTDOWN, reasonOf(queued));
        assertEquals(Reason.SHUTDOWN, reasonOf(e.submit(Priority.BATCH, null, () -> 2)));
    }

    @Test
    void runsOnTheCallersThreadWhenAWorkerWouldStartItAtOnce() throws Exception {
        PriorityExecutor e = executor(1, 2, 10, 1.0, fixed(2), Duration.ofSeconds(30));
        CompletableFuture<Thread> ran = e.submitOrRun(Priority.INTERACTIVE, null, Thread::currentThread);
        assertTrue(ran.isDone(), "run before returning");
        assertEquals(Thread.currentThread(), ran.get());
        var interactive = e.statistics().classes().get(Priority.INTERACTIVE);
        assertEquals(1, interactive.completed(), "counted as any task");
        assertEquals(0, e.statistics().active());
    }

    @Test
    void queuesForAWorkerWhenTheLimitIsReached() throws Exception {
        PriorityExecutor e = executor(1, 2, 10, 1.0, fixed(1), Duration.ofSeconds(30));
        CompletableFuture<String> running = occupied(e);
        CompletableFuture<Thread> queued = e.submitOrRun(Priority.INTERACTIVE, null, Thread::currentThread);
        assertTrue(!queued.isDone(), "the limit's one slot is taken: it waits, as submitted work does");
        release.countDown();
        assertEquals("done", running.get(5, TimeUnit.SECONDS));
        assertTrue(queued.get(5, TimeUnit.SECONDS).getName().startsWith("memtune-test-"), "ran on a worker");
    }

    @Test
    void doesNotOvertakeQueuedWork() throws Exception {
        PriorityExecutor e = executor(1, 1, 10, 1.0, fixed(2), Duration.ofSeconds(30));
        occupied(e); // the only worker is busy; the limit has a slot left, but something is already queued
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Boolean> first = e.submit(Priority.INTERACTIVE, null, () -> order.add("queued first"));
        CompletableFuture<Boolean> second = e.submitOrRun(Priority.INTERACTIVE, null, () -> order.add("came second"));
        assertTrue(!second.isDone(), "queued behind the first, not run ahead of it");
        release.countDown();
        CompletableFuture.allOf(first, second).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("queued first", "came second"), order);
    }

    @Test
    void aTaskOnItsCallersThreadTakesASlotOfTheLimit() throws Exception {
        PriorityExecutor e = executor(1, 2, 10, 1.0, fixed(1), Duration.ofSeconds(30));
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<CompletableFuture<String>> caller = CompletableFuture.supplyAsync(() -> e.submitOrRun(
                Priority.INTERACTIVE, null, () -> {
                    started.countDown();
                    release.await();
                    return "here";
                }));
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertEquals(1, e.statistics().active());
        CompletableFuture<Integer> next = e.submit(Priority.INTERACTIVE, null, () -> 2);
        Thread.sleep(100); // had a worker started it past the limit, it would show now
        assertTrue(!next.isDone(), "the slot is the caller's");
        release.countDown();
        assertEquals("here", caller.get(5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS));
        assertEquals(2, next.get(5, TimeUnit.SECONDS), "the freed slot goes to what was queued");
    }

    @Test
    void theTasksOwnFailureComesOutOfTheFutureOnTheCallersThreadToo() {
        PriorityExecutor e = executor(1, 1, 10, 1.0, fixed(1), Duration.ofSeconds(30));
        CompletableFuture<Object> failed = e.submitOrRun(Priority.INTERACTIVE, null, () -> {
            throw new IllegalStateException("broken template");
        });
        ExecutionException thrown = assertThrows(ExecutionException.class, failed::get);
        assertInstanceOf(IllegalStateException.class, thrown.getCause());
        assertEquals(0, e.statistics().active(), "its slot is given back");
    }

    @Test
    void aStoppingExecutorRefusesToRunOnTheCallersThread() {
        PriorityExecutor e = executor(1, 1, 10, 1.0, fixed(1), Duration.ofSeconds(30));
        e.shutdown();
        assertEquals(Reason.SHUTDOWN, reasonOf(e.submitOrRun(Priority.INTERACTIVE, null, () -> 1)));
    }
}
