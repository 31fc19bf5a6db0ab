package io.memtune.monitoring.core;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The bundle's samplers: one named daemon thread each, so they never hold the JVM up. */
public final class Daemons {

    private Daemons() {
    }

    public static ScheduledExecutorService scheduler(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }
}
