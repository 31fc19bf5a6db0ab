package io.memtune.examples.integrated;

import java.util.List;
import java.util.Locale;

import io.memtune.api.alert.Alert;
import io.memtune.api.concurrency.ExecutorStatistics;
import io.memtune.api.optimizer.OptimizationReport;
import io.memtune.api.optimizer.PassStatus;
import io.memtune.api.pool.PoolStatistics;
import io.memtune.api.tuner.Recommendation;
import io.memtune.embedded.ModuleStatus;

/** The example's printed report: plain text, one section per component, figures from the running services. */
final class MemoryReport {

    /** Heap in use after a full collection at three points of the run. */
    record Heap(long beforeCorpus, long afterCorpus, long afterLoad, long max) {
    }

    private final StringBuilder out = new StringBuilder();

    MemoryReport modules(List<ModuleStatus> modules) {
        section("Modules (found by ServiceLoader, in start order)");
        for (ModuleStatus m : modules) {
            line("  %-16s %-8s %s", m.name(), m.state(), m.reason() == null ? "" : m.reason());
        }
        return this;
    }

    MemoryReport heap(Heap heap) {
        section("Heap after GC");
        line("  before the corpus      %s", mb(heap.beforeCorpus()));
        line("  corpus compiled        %s  (+%s)", mb(heap.afterCorpus()), mb(heap.afterCorpus() - heap.beforeCorpus()));
        line("  after the load         %s  (heap limit %s)", mb(heap.afterLoad()), mb(heap.max()));
        return this;
    }

    MemoryReport optimization(OptimizationReport report) {
        section("Templates before and after optimization (" + report.templates() + " compiled)");
        line("  distinct template text %s", kb(report.sourceBytes()));
        line("  Mustache.java (before) %s", kb(report.baselineBytes()));
        line("  optimizer (after)      %s  = %.2fx Mustache.java, %.1fx the text", kb(report.optimizedBytes()),
                report.baselineBytes() == 0 ? 0.0 : (double) report.optimizedBytes() / report.baselineBytes(),
                report.ratioToSource());
        for (OptimizationReport.Saving s : report.savings()) {
            line("    %-36s saves %s", s.step(), kb(s.saved()));
        }
        line("  passes:");
        for (PassStatus p : report.passes()) {
            line("    %-24s %-28s applied %d, failures %d", p.name(), p.origin(), p.applied(), p.failures());
        }
        return this;
    }

    MemoryReport load(GeneratedLoad.Result r) {
        section("Generated load (" + r.users() + " closed-loop users, " + r.duration().toSeconds() + " s)");
        line("  rendered %d pages (%.0f/s, %s), refused %d, failed %d", r.ok(), r.throughput(), mb(r.bytes()), r.refused(),
                r.failed());
        line("  latency p50 %.2f ms, p99 %.2f ms, max %.2f ms", r.p50Micros() / 1e3, r.p99Micros() / 1e3, r.maxMicros() / 1e3);
        r.failures().forEach(f -> line("  failure: %s", f));
        return this;
    }

    MemoryReport pools(List<PoolStatistics> pools) {
        section("Pools");
        for (PoolStatistics p : pools) {
            line("  %-16s %-8s size %d (%d..%d), lent %d, borrows %d, timeouts %d, %s of %s", p.name(), p.kind(), p.size(),
                    p.min(), p.max(), p.active(), p.borrows(), p.timeouts(), kb(p.bytes()), kb(p.maxBytes()));
        }
        return this;
    }

    MemoryReport executors(List<ExecutorStatistics> executors) {
        section("Executors");
        for (ExecutorStatistics e : executors) {
            line("  %-16s workers %d (%d..%d), limit %d, active %d, shedding %s", e.name(), e.workers(), e.minWorkers(),
                    e.maxWorkers(), e.limit(), e.active(), e.shedding());
            e.classes().forEach((priority, c) -> line("    %-12s completed %d, queued %d/%d", priority, c.completed(),
                    c.queued(), c.queueCapacity()));
        }
        return this;
    }

    MemoryReport alerts(List<Alert> alerts) {
        section("Alerts");
        if (alerts.isEmpty()) {
            line("  none pending or firing");
        }
        alerts.forEach(a -> line("  %-8s %-24s %s", a.state(), a.rule(), a.summary()));
        return this;
    }

    MemoryReport recommendations(List<Recommendation> recommendations) {
        section("Tuning recommendations");
        if (recommendations.isEmpty()) {
            line("  none: nothing measured calls for a change");
        }
        recommendations.forEach(r -> line("  %-28s %s: %s -> %s (%s)", r.id(), r.setting(), r.current(), r.proposed(),
                r.rationale()));
        return this;
    }

    private void section(String title) {
        out.append('\n').append(title).append('\n');
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    private static String kb(long bytes) {
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
