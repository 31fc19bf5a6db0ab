package io.memtune.http.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A dynamic reference that requests may wait for: while the service is away (its bundle updated, its configuration
 * changed) a request waits for the replacement instead of failing, at most until its deadline, and at most
 * {@code maxWaiters} requests at once (each holds an HTTP thread; the rest are refused at once). Reading it while
 * the service is there takes no lock.
 */
final class AwaitedService<T> {

    private final Object changed = new Object();
    private final Semaphore waiters;
    private volatile T current;

    AwaitedService(int maxWaiters) {
        this.waiters = new Semaphore(maxWaiters);
    }

    /** A service bound (greedy references bind the better one before unbinding the one it replaces). */
    void bind(T service) {
        synchronized (changed) {
            current = service;
            changed.notifyAll();
        }
    }

    /** A service unbound: forgotten unless another one replaced it already. */
    void unbind(T service) {
        synchronized (changed) {
            if (current == service) {
                current = null;
            }
        }
    }

    T now() {
        return current;
    }

    /**
     * The service, waiting for one until {@code deadlineNanos} ({@link System#nanoTime()}) while there is none, or
     * while there is only {@code stale} (one that answered it is stopping).
     *
     * @return null when none came in time, or when too many requests wait already
     */
    T await(T stale, long deadlineNanos) throws InterruptedException {
        T service = current;
        if (service != null && service != stale) {
            return service;
        }
        if (!waiters.tryAcquire()) {
            return null;
        }
        try {
            synchronized (changed) {
                while ((service = current) == null || service == stale) {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    TimeUnit.NANOSECONDS.timedWait(changed, left);
                }
                return service;
            }
        } finally {
            waiters.release();
        }
    }

    /** How many requests wait now. */
    int waiting(int maxWaiters) {
        return maxWaiters - waiters.availablePermits();
    }
}
