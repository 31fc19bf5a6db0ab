package io.memtune.health.core;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The servlet patterns memtune's bundles have registered since the container started, and how many registrations
 * each has now: a pattern that was served and has none now belongs to a bundle being updated, and a request for it
 * is worth holding for a moment rather than answering 404. Exact patterns ({@code /metrics}) and prefix patterns
 * ({@code /render/*}) as the servlet whiteboard matches them.
 */
public final class Endpoints {

    private final Map<String, Integer> live = new ConcurrentHashMap<>();
    private final Object changed = new Object();
    /** Whether some pattern served before has no registration now: the one thing a request's fast path reads. */
    private volatile boolean anyAway;

    public void registered(List<String> patterns) {
        synchronized (changed) {
            patterns.forEach(p -> live.merge(p, 1, Integer::sum));
            update();
        }
    }

    public void unregistered(List<String> patterns) {
        synchronized (changed) {
            patterns.forEach(p -> live.computeIfPresent(p, (k, n) -> n - 1));
            update();
        }
    }

    /** Must hold {@code changed}. */
    private void update() {
        anyAway = live.values().stream().anyMatch(n -> n <= 0);
        changed.notifyAll();
    }

    /** The pattern served before and away now that would serve {@code path}, or null (the common case: cheap). */
    public String awayFor(String path) {
        if (!anyAway || path == null) {
            return null;
        }
        for (Map.Entry<String, Integer> e : live.entrySet()) {
            if (e.getValue() <= 0 && matches(e.getKey(), path)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** The pattern served now or before that would serve {@code path}, or null: whether the path is memtune's. */
    public String knownFor(String path) {
        if (path == null) {
            return null;
        }
        for (String pattern : live.keySet()) {
            if (matches(pattern, path)) {
                return pattern;
            }
        }
        return null;
    }

    /** The pattern served now that would serve {@code path}, or null. */
    public String servedFor(String path) {
        if (path == null) {
            return null;
        }
        for (Map.Entry<String, Integer> e : live.entrySet()) {
            if (e.getValue() > 0 && matches(e.getKey(), path)) {
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * Waits until {@code pattern} is registered again, at most until {@code deadlineNanos} ({@link System#nanoTime()}).
     *
     * @return whether it is
     */
    public boolean awaitBack(String pattern, long deadlineNanos) throws InterruptedException {
        synchronized (changed) {
            while (live.getOrDefault(pattern, 0) <= 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(changed, left);
            }
            return true;
        }
    }

    static boolean matches(String pattern, String path) {
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        return pattern.equals(path);
    }
}
