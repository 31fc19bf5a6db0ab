package io.memtune.concurrency.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;


import io.memtune.api.concurrency.ExecutorStatistics;
import io.memtune.api.concurrency.ManagedExecutor;
import io.memtune.api.concurrency.Priority;
import io.memtune.api.concurrency.RejectedException;
import io.memtune.api.concurrency.RejectedException.Reason;
import io.memtune.api.metrics.RecentBucketReservoir;

/**
 * A managed executor. Admission (fast, on submit): refused while the heap after GC is above the memory
 * line, while the queue is shedding, or when the class's bounded queue is full. Scheduling: at most the
 * adaptive concurrency limit runs at once; when several classes wait, the one furthest below its
 * guaranteed share goes next; a task whose deadline passed, or that queued through a shedding period, is
 * dropped at dequeue. Workers: started when more work waits than workers free to take it (up to the maximum), retired after
 * the keep-alive (down to the minimum) — unlike a {@code ThreadPoolExecutor} with an unbounded queue, which
 * never grows past its core size. A caller that waits for its task anyway may run it on its own thread when a worker
 * would start it at once ({@link #submitOrRun}), counted against the same limit.
 */
public final class PriorityExecutor implements ManagedExecutor, AutoCloseable {

    private static final double DECAY = 0.95;
    private static final double NANOS_PER_MS = 1_000_000.0;

    private final ExecutorSettings settings;
    private final ConcurrencyLimit limit;
    private final DoubleSupplier occupancy;
    private final LongSupplier nanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<Priority, ArrayDeque<Job<?>>> queues = new EnumMap<>(Priority.class);
    /** The queues' lengths, readable without the lock (by ordinal); changed with the queues, under it. */
    private final AtomicIntegerArray queueLengths = new AtomicIntegerArray(Priority.values().length);
    private final Map<Priority, Double> recentlyDispatched = new EnumMap<>(Priority.class);
    private final Map<Priority, ClassCounters> counters = new EnumMap<>(Priority.class);
    private final QueueDelayShedder shedder;
    private final AtomicInteger threadNumber = new AtomicInteger();
    private int workers;
    /**
     * Tasks running, on workers and on their callers' threads ({@link #submitOrRun}): what the limit bounds. Taken
     * and given back without the lock (a compare-and-set never past the limit), so a caller that runs its task at
     * once takes no lock at all; workers take their slot the same way, under the lock only for the queue.
     */
    private final AtomicInteger running = new AtomicInteger();
    /** Of those, the ones on their callers' threads. */
    private final AtomicInteger runningHere = new AtomicInteger();
    /** Written under the lock; volatile for the callers that run at once only when nothing waits. */
    private volatile int queued;
    /** Written under the lock; volatile for the refusal before it, which must leave a stopping executor's to it. */
    private volatile boolean closed;

    /**
     * Statistics of one class: counters, and the waits and run times of its tasks of the last minute in nanoseconds,
     * as log-linear bucket counts (within 3.1 %): a task's statistics take no lock and no allocation, and their memory
     * and the cost of a snapshot stay the same whatever the rate.
     */
    private static final class ClassCounters {
        final LongAdder completed = new LongAdder();
        final Map<Reason, LongAdder> rejected = new EnumMap<>(Reason.class);
        final RecentBucketReservoir queueWait = RecentBucketReservoir.latencies().stripesPerProcessor().build();
        final RecentBucketReservoir runTime = RecentBucketReservoir.latencies().stripesPerProcessor().build();
        final RecentBucketReservoir responseTime = RecentBucketReservoir.latencies().stripesPerProcessor().build();

        ClassCounters() {
            for (Reason r : Reason.values()) {
                rejected.put(r, new LongAdder());
            }
        }
    }

    /** A queued task. */
    private record Job<T>(Priority priority, Callable<T> task, CompletableFuture<T> future, long enqueuedAt,
            long deadlineAt) {
    }

    /**
     * @param occupancy heap occupancy after GC, 0..1
     * @param nanos the clock ({@code System::nanoTime}; tests drive their own)
     */
    public PriorityExecutor(ExecutorSettings settings, ConcurrencyLimit limit, DoubleSupplier occupancy, LongSupplier nanos) {
        this.settings = settings;
        this.limit = limit;
        this.occupancy = occupancy;
        this.nanos = nanos;
        this.shedder = new QueueDelayShedder(settings.shedTarget().toNanos(), settings.shedInterval().toNanos());
        for (Priority p : Priority.values()) {
            queues.put(p, new ArrayDeque<>());
            recentlyDispatched.put(p, 0.0);
            counters.put(p, new ClassCounters());
        }
        lock.lock();
        try {
            for (int i = 0; i < settings.minWorkers(); i++) {
                startWorker();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public <T> CompletableFuture<T> submit(Priority priority, Duration deadline, Callable<T> task) {
        CompletableFuture<T> future = new CompletableFuture<>();
        double heap = occupancy.getAsDouble();
        if (heap > settings.memoryLine()) {
            return reject(future, priority, Reason.MEMORY, Duration.ofSeconds(5), String.format(java.util.Locale.ROOT,
                    "%s: heap occupancy after GC %.2f is above the line %.2f", name(), heap, settings.memoryLine()));
        }
        int capacity = settings.queueCapacity().get(priority);
        if (!closed && queueLengths.get(priority.ordinal()) >= capacity) {
            // refused without the lock: under overload most submits are refusals, and taking the lock for each made
            // a convoy that the workers, taking their next task, had to queue behind (a lost race only means the
            // check under the lock refuses it, or that a slot freed a moment ago is taken by the next submit)
            return reject(future, priority, Reason.QUEUE_FULL, Duration.ofSeconds(1),
                    name() + ": the " + priority.name().toLowerCase() + " queue is full (" + capacity + ")");
        }
        long now = nanos.getAsLong();
        long wait = (deadline == null ? settings.defaultDeadline() : deadline).toNanos();
        // decided under the lock, refused after it: a refusal (its message, its exception, waking its caller) must not
        // hold up the submits and the workers behind it, or under overload the refusals serialise on the lock
        Reason refusal = null;
        lock.lock();
        try {
            ArrayDeque<Job<?>> queue = queues.get(priority);
            Job<?> oldest = queue.peekFirst();
            if (closed) {
                refusal = Reason.SHUTDOWN;
            } else if (oldest != null && shedder.onDelay(now - oldest.enqueuedAt(), now)) {
                refusal = Reason.SHED;
            } else if (queue.size() >= capacity) {
                refusal = Reason.QUEUE_FULL;
            } else {
                queue.addLast(new Job<>(priority, task, future, now, now + wait));
                queueLengths.incrementAndGet(priority.ordinal());
                queued++;
                // every worker not running a task will look at the queue; start one more only when there is
                // more queued work than such workers (a woken worker may not have taken its task yet)
                int onWorkers = running.get() - runningHere.get();
                if (queued > workers - onWorkers && workers < settings.maxWorkers() && running.get() < limit.current()) {
                    startWorker();
                }
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
        if (refusal == Reason.SHUTDOWN) {
            return reject(future, priority, Reason.SHUTDOWN, Duration.ofSeconds(1), name() + " is stopping");
        } else if (refusal == Reason.SHED) {
            return reject(future, priority, Reason.SHED, Duration.ofSeconds(1),
                    name() + ": queued work has waited past " + settings.shedTarget().toMillis() + " ms for "
                            + settings.shedInterval().toMillis() + " ms; shedding " + priority.name().toLowerCase());
        } else if (refusal == Reason.QUEUE_FULL) {
            return reject(future, priority, Reason.QUEUE_FULL, Duration.ofSeconds(1),
                    name() + ": the " + priority.name().toLowerCase() + " queue is full (" + capacity + ")");
        }
        return future;
    }

    @Override
    public <T> CompletableFuture<T> submitOrRun(Priority priority, Duration deadline, Callable<T> task) {
        if (occupancy.getAsDouble() > settings.memoryLine()) {
            return submit(priority, deadline, task); // refused there, as every refusal
        }
        // only when a worker would start it at once: anything queued goes first (its class may be owed), and a
        // task run here takes a slot of the limit as a worker's would; no lock on this path
        int inFlight = closed || queued > 0 ? -1 : takeSlot();
        if (inFlight < 0) {
            return submit(priority, deadline, task);
        }
        runningHere.incrementAndGet();
        long startedAt = nanos.getAsLong();
        counters.get(priority).queueWait.update(0, startedAt);
        CompletableFuture<T> future = new CompletableFuture<>();
        run(new Job<>(priority, task, future, startedAt, startedAt), startedAt, inFlight, true);
        return future;
    }

    /** A slot of the limit if one is free: the tasks running then, this one included; else -1. */
    private int takeSlot() {
        int max = Math.max(1, limit.current());
        while (true) {
            int now = running.get();
            if (now >= max) {
                return -1;
            }
            if (running.compareAndSet(now, now + 1)) {
                return now + 1;
            }
        }
    }

    private <T> CompletableFuture<T> reject(CompletableFuture<T> future, Priority priority, Reason reason,
            Duration retryAfter, String message) {
        counters.get(priority).rejected.get(reason).increment();
        future.completeExceptionally(new RejectedException(name(), reason, retryAfter, message));
        return future;
    }

    /** Must hold the lock. */
    private void startWorker() {
        workers++;
        Thread t = new Thread(this::work, "memtune-" + name() + "-" + threadNumber.incrementAndGet());
        // a worker is started by whoever submits and lives on: it must hold no bundle's class loader as its
        // context loader, neither the submitter's nor this bundle's (threads other code starts from a worker
        // inherit it), or that bundle's old revision stays reachable after an update (the profiler's leak check
        // reported both); the system class loader outlives every bundle
        t.setContextClassLoader(ClassLoader.getSystemClassLoader());
        t.setDaemon(true);
        t.start();
    }

    private void work() {
        while (true) {
            Job<?> job;
            long startedAt;
            int inFlight;
            lock.lock();
            try {
                job = next();
                while (job == null) {
                    if (closed) {
                        workers--;
                        return;
                    }
                    boolean signalled;
                    try {
                        signalled = changed.await(settings.keepAlive().toNanos(), TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        signalled = true; // closing interrupts; the loop checks
                    }
                    job = next();
                    if (job == null && !signalled && workers > settings.minWorkers()) {
                        workers--;
                        return;
                    }
                }
                inFlight = running.get();
                startedAt = nanos.getAsLong();
            } finally {
                lock.unlock();
            }
            // recorded outside the lock, as every histogram update: the lock is the executor's one point of contention
            counters.get(job.priority()).queueWait.update(startedAt - job.enqueuedAt(), startedAt);
            run(job, startedAt, inFlight, false);
        }
    }

    /**
     * The next task to run with its slot of the limit taken, or null; drops expired and shed tasks on the way. Must
     * hold the lock.
     */
    private Job<?> next() {
        while (true) {
            Priority p = mostOwed();
            if (p == null) {
                shedder.onQueueEmpty();
                return null;
            }
            if (takeSlot() < 0) {
                return null;
            }
            Job<?> job = queues.get(p).pollFirst();
            queueLengths.decrementAndGet(p.ordinal());
            queued--;
            long now = nanos.getAsLong();
            long sojourn = now - job.enqueuedAt();
            if (now > job.deadlineAt()) {
                running.decrementAndGet();
                drop(job, Reason.DEADLINE, "waited " + TimeUnit.NANOSECONDS.toMillis(sojourn) + " ms, past its deadline");
                continue;
            }
            if (shedder.onDelay(sojourn, now)) {
                running.decrementAndGet();
                drop(job, Reason.SHED, "waited " + TimeUnit.NANOSECONDS.toMillis(sojourn) + " ms while the queue was shedding");
                continue;
            }
            for (Priority q : Priority.values()) {
                recentlyDispatched.put(q, recentlyDispatched.get(q) * DECAY);
            }
            recentlyDispatched.put(p, recentlyDispatched.get(p) + 1);
            return job;
        }
    }

    /** Among the classes with work, the one furthest below its guaranteed share. */
    private Priority mostOwed() {
        Priority best = null;
        double bestRatio = Double.MAX_VALUE;
        for (Priority p : Priority.values()) {
            if (!queues.get(p).isEmpty()) {
                double ratio = recentlyDispatched.get(p) / settings.share().get(p);
                if (ratio < bestRatio) {
                    bestRatio = ratio;
                    best = p;
                }
            }
        }
        return best;
    }

    private void drop(Job<?> job, Reason reason, String why) {
        counters.get(job.priority()).rejected.get(reason).increment();
        job.future().completeExceptionally(new RejectedException(name(), reason, Duration.ofSeconds(1), name() + ": " + why));
    }

    @SuppressWarnings("unchecked")
    private <T> void run(Job<T> job, long startedAt, int inFlight, boolean here) {
        try {
            if (!job.future().isDone()) { // a caller that gave up cancelled it
                job.future().complete(job.task().call());
            }
        } catch (Throwable e) {
            job.future().completeExceptionally(e);
        } finally {
            long end = nanos.getAsLong();
            long ran = end - startedAt;
            limit.sample(startedAt, ran, inFlight);
            ClassCounters c = counters.get(job.priority());
            c.runTime.update(ran, end);
            c.responseTime.update(end - job.enqueuedAt(), end);
            c.completed.increment();
            if (here) {
                runningHere.decrementAndGet();
            }
            running.decrementAndGet();
            // read after the slot is given back: a task queued after this read finds the slot free itself (its
            // submit signals a worker), one queued before it is seen here
            if (queued > 0 || closed) {
                // a slot of the limit is free for what is queued (or the drain is nearer); with nothing queued,
                // waking an idle worker would cost a context switch a task for nothing, and the lock
                lock.lock();
                try {
                    changed.signal();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    @Override
    public ExecutorStatistics statistics() {
        // the counts under the lock, so they agree with each other; the histograms' snapshots outside it: they
        // are thread-safe, and a caller reading them must not hold up every submit and every worker meanwhile
        Map<Priority, Integer> queuedNow = new EnumMap<>(Priority.class);
        int workersNow;
        int runningNow;
        int limitNow;
        boolean sheddingNow;
        lock.lock();
        try {
            queues.forEach((p, q) -> queuedNow.put(p, q.size()));
            workersNow = workers;
            runningNow = running.get();
            limitNow = limit.current();
            sheddingNow = shedder.shedding();
        } finally {
            lock.unlock();
        }
        Map<Priority, ExecutorStatistics.ClassStatistics> classes = new EnumMap<>(Priority.class);
        double total = settings.share().values().stream().mapToDouble(Double::doubleValue).sum();
        for (Priority p : Priority.values()) {
            ClassCounters c = counters.get(p);
            Map<Reason, Long> rejected = new EnumMap<>(Reason.class);
            c.rejected.forEach((r, n) -> rejected.put(r, n.sum()));
            var wait = c.queueWait.getSnapshot();
            var run = c.runTime.getSnapshot();
            double response = c.responseTime.getSnapshot().get99thPercentile();
            classes.put(p, new ExecutorStatistics.ClassStatistics(queuedNow.get(p), settings.queueCapacity().get(p),
                    settings.share().get(p) / total, c.completed.sum(), rejected, wait.getMedian() / NANOS_PER_MS,
                    wait.get99thPercentile() / NANOS_PER_MS, run.getMedian() / NANOS_PER_MS,
                    run.get99thPercentile() / NANOS_PER_MS, response / NANOS_PER_MS));
        }
        return new ExecutorStatistics(name(), workersNow, settings.minWorkers(), settings.maxWorkers(), limitNow,
                runningNow, classes, sheddingNow);
    }

    /** Refuses new work; what is queued still runs, then the workers end (a graceful hand-over). */
    public void shutdown() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * After {@link #shutdown()}: waits until what was queued has run, at most {@code timeout}.
     *
     * @return whether it drained in time
     */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (queued > 0 || running.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)), TimeUnit.NANOSECONDS);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new work and everything still queued; running tasks finish. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            for (ArrayDeque<Job<?>> queue : queues.values()) {
                Job<?> job;
                while ((job = queue.pollFirst()) != null) {
                    queueLengths.decrementAndGet(job.priority().ordinal());
                    queued--;
                    drop(job, Reason.SHUTDOWN, "stopping");
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
