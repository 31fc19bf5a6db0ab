package io.memtune.benchmarks.load;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * One hot reload of a soak: a change made to a file the container watches, and how to tell that the change is in
 * force (a page served with the new text, a component showing the new setting). {@link #verify} asks until it is,
 * or until a deadline: a reload is counted only when its effect has been seen.
 */
final class HotReload {

    /** The kinds of reload, as counted in the report. */
    enum Kind {
        TEMPLATE_EDIT, TEMPLATE_ADD, TEMPLATE_REMOVE, CONFIG_EXECUTOR, CONFIG_TEMPLATE_CACHE
    }

    /** Asks the container once. */
    @FunctionalInterface
    interface Probe {
        /** Null when the change is in force, else what is seen instead. */
        String seenInstead() throws Exception;
    }

    /** How it went: verified or not, the seconds from the change to the first sight of it, what was seen last. */
    record Outcome(Kind kind, String change, boolean verified, double seconds, String seenInstead) {
    }

    /** Between two questions: a tenth of the watchers' one-second poll. */
    private static final Duration ASK_EVERY = Duration.ofMillis(100);

    private final Kind kind;
    private final String change;
    private final long changedAtNanos;
    private final Probe probe;

    /** A change just made. */
    HotReload(Kind kind, String change, Probe probe) {
        this.kind = kind;
        this.change = change;
        this.changedAtNanos = System.nanoTime();
        this.probe = probe;
    }

    /** What was changed, in words. */
    String change() {
        return change;
    }

    /** Asks until the change is seen or {@code deadline} (from the change) has passed. */
    Outcome verify(Duration deadline) {
        long giveUp = changedAtNanos + deadline.toNanos();
        while (true) {
            String seen;
            try {
                seen = probe.seenInstead();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(kind, change, false, Double.NaN, "interrupted");
            } catch (Exception e) {
                seen = e.toString();
            }
            double seconds = (System.nanoTime() - changedAtNanos) / 1e9;
            if (seen == null) {
                return new Outcome(kind, change, true, seconds, null);
            }
            if (System.nanoTime() > giveUp) {
                return new Outcome(kind, change, false, seconds, seen);
            }
            LockSupport.parkNanos(ASK_EVERY.toNanos());
        }
    }
}
