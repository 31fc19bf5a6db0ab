package io.memtune.api.concurrency;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * The calls in progress in a service that must let them finish when it stops: an update of its bundle
 * unregisters the service at once (new callers go elsewhere or wait for its replacement), but the calls already
 * inside still need its classes and resources, which go when its deactivation returns. {@link #enter()} refuses
 * once {@link #stop()} began; {@link #awaitNone} lets the running ones finish.
 *
 * <p>Entering and leaving take no lock (striped counters): it sits on every request's path. Since 1.3.
 */
public final class InFlight {

    private final LongAdder running = new LongAdder();
    private volatile boolean stopping;

    /**
     * A call begins; false (and nothing counted) once the service is stopping: the caller refuses the call. Every
     * true is to be followed by one {@link #exit()}.
     */
    public boolean enter() {
        running.increment();
        // read after counting: a stop that began before sees this call in its count or this call sees the stop
        if (stopping) {
            running.decrement();
            return false;
        }
        return true;
    }

    public void exit() {
        running.decrement();
    }

    /** New calls are refused from now on. */
    public void stop() {
        stopping = true;
    }

    public boolean stopping() {
        return stopping;
    }

    /**
     * After {@link #stop()}: waits until no call is running, at most {@code timeout}.
     *
     * @return how many were still running when it gave up (0: all finished)
     */
    public long awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long left;
        while ((left = running.sum()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        return left;
    }

    /** The calls running now. */
    public long running() {
        return running.sum();
    }
}
