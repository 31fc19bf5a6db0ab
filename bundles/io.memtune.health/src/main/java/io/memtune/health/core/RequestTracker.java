package io.memtune.health.core;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The HTTP requests being served now, how many were served in all, and whether the container is draining: what
 * the drain waits on and what readiness reports. Entering and leaving cost an atomic add each; nothing blocks a
 * request.
 */
public class RequestTracker {

    /** How long a waiter sleeps at most before looking again, should it miss a wake-up. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder served = new LongAdder();
    private final Object idle = new Object();
    private volatile boolean draining;
    private volatile long drainingSinceNanos;

    public void enter() {
        inFlight.incrementAndGet();
    }

    public void leave() {
        served.increment();
        if (inFlight.decrementAndGet() == 0 && draining) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Requests that have finished, successfully or not, since the start. */
    public long served() {
        return served.sum();
    }

    /**
     * From now on the container is draining (readiness fails); it does not refuse requests, the load balancer
     * stops sending them.
     *
     * @return false when it was already draining
     */
    public synchronized boolean startDraining(long nowNanos) {
        if (draining) {
            return false;
        }
        drainingSinceNanos = nowNanos;
        draining = true;
        return true;
    }

    public boolean draining() {
        return draining;
    }

    /** When draining started ({@link System#nanoTime()}); meaningless while not draining. */
    public long drainingSinceNanos() {
        return drainingSinceNanos;
    }

    /**
     * Waits until no request is in flight, for at most {@code timeout}.
     *
     * @return the requests still in flight: 0 unless the timeout passed first
     */
    public int awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            long left = timeout.toNanos();
            while (inFlight.get() > 0 && left > 0) {
                TimeUnit.NANOSECONDS.timedWait(idle, Math.min(left, RECHECK_NANOS));
                left = deadline - System.nanoTime();
            }
        }
        return inFlight.get();
    }
}
