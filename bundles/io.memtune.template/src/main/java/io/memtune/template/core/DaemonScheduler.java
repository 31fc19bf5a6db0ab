package io.memtune.template.core;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The bundle's background pollers: one named daemon thread each, so they never hold the JVM up. */
public final class DaemonScheduler {

    private DaemonScheduler() {
    }

    public static ScheduledExecutorService single(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }
}
