package io.memtune.http.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap that request bodies may take together while they are read, queued and rendered. A body is read on
 * the HTTP thread before its render is admitted (a slow client must hold an HTTP thread, not a render worker),
 * so the executor's memory line cannot protect that memory: without a bound, many concurrent megabyte bodies
 * ran the heap out whatever the executor did (MemoryPressureIT). A request that does not fit is refused before
 * its body is read.
 */
final class BodyBudget {

    private final long capacity;
    private final AtomicLong reserved = new AtomicLong();

    /** @param capacity bytes */
    BodyBudget(long capacity) {
        this.capacity = capacity;
    }

    /** A share of the maximum heap. */
    static BodyBudget ofHeap(double share) {
        return new BodyBudget((long) (Runtime.getRuntime().maxMemory() * share));
    }

    /**
     * Reserves {@code bytes} if they fit. One body always fits when nothing else is held, so a budget smaller
     * than the largest body allowed slows requests down but never refuses all of them.
     */
    boolean tryReserve(long bytes) {
        while (true) {
            long now = reserved.get();
            if (now > 0 && now + bytes > capacity) {
                return false;
            }
            if (reserved.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        reserved.addAndGet(-bytes);
    }

    long capacity() {
        return capacity;
    }

    long reserved() {
        return reserved.get();
    }
}
