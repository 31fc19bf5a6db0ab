package io.memtune.health.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Component;

import io.memtune.health.core.Tags;

/**
 * Liveness: no threads deadlocked on monitors or locks. A deadlock does not heal; restarting the container does,
 * which is what a failing liveness probe makes Kubernetes do.
 */
@Component(service = HealthCheck.class, property = {HealthCheck.NAME + "=no deadlock", HealthCheck.TAGS + "=" + Tags.ALIVE})
public final class NoDeadlockCheck implements HealthCheck {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Override
    public Result execute() {
        long[] deadlocked = threads.findDeadlockedThreads();
        FormattingResultLog log = new FormattingResultLog();
        if (deadlocked == null) {
            log.info("no deadlocked threads among {}", threads.getThreadCount());
            return new Result(log);
        }
        log.critical("{} thread(s) deadlocked: only a restart ends it", deadlocked.length);
        for (ThreadInfo t : threads.getThreadInfo(deadlocked)) {
            if (t != null) {
                log.critical("thread '{}' waits for {} held by '{}'", t.getThreadName(), t.getLockName(), t.getLockOwnerName());
            }
        }
        return new Result(log);
    }
}
