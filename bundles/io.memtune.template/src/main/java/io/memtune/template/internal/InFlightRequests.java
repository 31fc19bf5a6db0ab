package io.memtune.template.internal;

import java.time.Duration;

/**
 * Counts the requests inside a servlet so that its deactivation can wait for them: when the bundle stops (an
 * update), the whiteboard sends new requests elsewhere at once, but the ones already running still need this
 * bundle's classes and services, which go away when deactivation returns (a request cut off then fails with
 * a {@code NoClassDefFoundError} from the old revision's closed class loader).
 */
final class InFlightRequests {

    private int running; // guarded by this

    synchronized void enter() {
        running++;
    }

    synchronized void exit() {
        if (--running == 0) {
            notifyAll();
        }
    }

    /** Waits until none is running, at most {@code timeout}; returns how many were still running. */
    synchronized int awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long left;
        while (running > 0 && (left = deadline - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
        return running;
    }
}
