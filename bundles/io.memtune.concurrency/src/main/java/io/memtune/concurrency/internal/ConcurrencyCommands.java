package io.memtune.concurrency.internal;

import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.memtune.api.concurrency.ConcurrencyManager;
import io.memtune.api.concurrency.ExecutorStatistics;
import io.memtune.api.concurrency.Priority;

/** {@code memtune:workers} and {@code memtune:executor <name>}. */
@Component(service = ConcurrencyCommands.class, property = {
        "osgi.command.scope=memtune",
        "osgi.command.function=workers",
        "osgi.command.function=executor" })
public final class ConcurrencyCommands {

    private final ConcurrencyManager manager;

    @Activate
    public ConcurrencyCommands(@Reference ConcurrencyManager manager) {
        this.manager = manager;
    }

    @Descriptor("lists the managed executors: workers, limit, running, queued, rejected")
    public String workers() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-16s %9s %6s %7s %7s %9s %9s%n", "EXECUTOR",
                "WORKERS", "LIMIT", "ACTIVE", "QUEUED", "REJECTED", "SHEDDING"));
        for (ExecutorStatistics s : manager.statistics()) {
            long queued = s.classes().values().stream().mapToLong(ExecutorStatistics.ClassStatistics::queued).sum();
            long rejected = s.classes().values().stream()
                    .mapToLong(c -> c.rejected().values().stream().mapToLong(Long::longValue).sum()).sum();
            out.append(String.format(Locale.ROOT, "%-16s %4d/%-4d %6d %7d %7d %9d %9s%n", s.name(), s.workers(),
                    s.maxWorkers(), s.limit(), s.active(), queued, rejected, s.shedding() ? "yes" : "no"));
        }
        return manager.statistics().isEmpty() ? "no managed executor is configured" : out.toString().stripTrailing();
    }

    @Descriptor("shows one executor per priority class: queue, share, completed, rejected by reason, waits, run times")
    public String executor(@Descriptor("the executor's name") String name) {
        ExecutorStatistics s = manager.executor(name)
                .orElseThrow(() -> new IllegalArgumentException("no executor '" + name + "' (see workers)")).statistics();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%s: workers %d (%d..%d), limit %d, active %d, shedding %s%n", s.name(), s.workers(), s.minWorkers(),
                s.maxWorkers(), s.limit(), s.active(), s.shedding() ? "yes" : "no"));
        for (Priority p : Priority.values()) {
            ExecutorStatistics.ClassStatistics c = s.classes().get(p);
            out.append(String.format(Locale.ROOT,
                    "  %-11s queued %d/%d, share %.0f%%, completed %d, wait p50 %.1f ms p99 %.1f ms, run p50 %.1f ms p99 %.1f ms%n",
                    p.name().toLowerCase(), c.queued(), c.queueCapacity(), c.share() * 100, c.completed(),
                    c.queueWaitP50Millis(), c.queueWaitP99Millis(), c.runTimeP50Millis(), c.runTimeP99Millis()));
            out.append("              rejected ").append(c.rejected()).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
