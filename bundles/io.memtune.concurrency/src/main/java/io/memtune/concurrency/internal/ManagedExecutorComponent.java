package io.memtune.concurrency.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.codahale.metrics.CachedGauge;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;

import io.memtune.api.concurrency.ExecutorStatistics;
import io.memtune.api.concurrency.ManagedExecutor;
import io.memtune.api.concurrency.Priority;
import io.memtune.api.concurrency.RejectedException;
import io.memtune.api.metrics.MetricNames;
import io.memtune.concurrency.core.ExecutorSettings;
import io.memtune.concurrency.core.Gradient2ConcurrencyLimit;
import io.memtune.concurrency.core.HeapOccupancy;
import io.memtune.concurrency.core.PriorityExecutor;

/**
 * One managed executor per factory configuration ({@code io.memtune.concurrency.executor~<name>} in an
 * environment file). A configuration change (the file, or the tuner applying a recommendation) swaps in a new
 * executor with the new settings; the old one takes no new work but runs what it has queued to the end, so
 * a live change loses no request. The executor's name is its identity: a new name is a new component.
 */
@Component(service = ManagedExecutor.class, configurationPid = ManagedExecutorComponent.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ManagedExecutorComponent.Config.class, factory = true)
public final class ManagedExecutorComponent implements ManagedExecutor {

    static final String FACTORY_PID = "io.memtune.concurrency.executor";

    @ObjectClassDefinition(name = "memtune managed executor", description = "Workers, bounded priority queues,"
            + " deadlines, adaptive limit, shedding and memory admission of one executor.")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "How services and the shell find it, e.g. render.")
        String executor_name();

        @AttributeDefinition(name = "Least workers", description = "Threads kept even when idle.", min = "0", max = "1024")
        int workers_min() default 2;

        @AttributeDefinition(name = "Most workers", description = "Threads at the most.", min = "1", max = "1024")
        int workers_max() default 16;

        @AttributeDefinition(name = "Interactive queue", description = "The most interactive tasks waiting.", min = "0")
        int queue_interactive() default 200;

        @AttributeDefinition(name = "Batch queue", description = "The most batch tasks waiting.", min = "0")
        int queue_batch() default 1000;

        @AttributeDefinition(name = "Interactive share", description = "The share of workers interactive work is"
                + " guaranteed when both classes wait (batch gets the rest).", min = "0.01", max = "0.99")
        double share_interactive() default 0.8;

        @AttributeDefinition(name = "Deadline (ms)", description = "How long a task may wait to start.", min = "1")
        long deadline_ms() default 2000;

        @AttributeDefinition(name = "Keep-alive (ms)", description = "How long an idle thread above the least lives.", min = "1")
        long keepalive_ms() default 30_000;

        @AttributeDefinition(name = "Initial limit", description = "Tasks at once to start from; the adaptive limit"
                + " (Gradient2) moves it between the least and the most workers.", min = "1")
        int limit_initial() default 8;

        @AttributeDefinition(name = "Queue delay target (ms)", description = "CoDel: the wait queued work should stay under.", min = "1")
        long shed_target_ms() default 20;

        @AttributeDefinition(name = "Queue delay interval (ms)", description = "CoDel: how long above target before shedding.", min = "1")
        long shed_interval_ms() default 200;

        @AttributeDefinition(name = "Memory line", description = "Heap occupancy after GC (0..1) above which new work"
                + " is refused; 1 for never.", min = "0.1", max = "1")
        double memory_line() default 0.92;
    }

    /** Swapped by a configuration change (volatile: read by every submit without a lock). */
    private volatile PriorityExecutor executor;

    /**
     * What the gauges read: one scrape reads twenty-odd gauges of this executor, and each would otherwise take
     * its own statistics (a snapshot of every class's histograms) for one number.
     */
    private final CachedGauge<ExecutorStatistics> scraped = new CachedGauge<>(200, TimeUnit.MILLISECONDS) {
        @Override
        protected ExecutorStatistics loadValue() {
            return executor.statistics();
        }
    };
    /** Replaced executors still running what they had queued; closed with this component. */
    private final List<PriorityExecutor> draining = new CopyOnWriteArrayList<>();
    private volatile MetricRegistry metrics;

    /** How long a stop waits for queued work: its deadline, the longest any of it may wait anyway. */
    private Duration drainTimeout; // set by activate and modified, read by deactivate: SCR orders those calls

    @Activate
    public ManagedExecutorComponent(Config config) {
        this.executor = build(config);
        this.drainTimeout = Duration.ofMillis(config.deadline_ms());
    }

    /** New settings: a new executor takes new work at once; the old one drains its queue, then its workers end. */
    @Modified
    void modified(Config config) {
        PriorityExecutor old = executor;
        executor = build(config);
        drainTimeout = Duration.ofMillis(config.deadline_ms());
        old.shutdown();
        draining.removeIf(e -> e.statistics().workers() == 0);
        draining.add(old);
        MetricRegistry registry = metrics;
        if (registry != null && !old.name().equals(executor.name())) {
            // renamed: the gauges carry the name
            removeGauges(registry, old.name());
            bindMetrics(registry);
        }
    }

    private static PriorityExecutor build(Config config) {
        ExecutorSettings settings = new ExecutorSettings(config.executor_name(), config.workers_min(), config.workers_max(),
                Map.of(Priority.INTERACTIVE, config.queue_interactive(), Priority.BATCH, config.queue_batch()),
                Map.of(Priority.INTERACTIVE, config.share_interactive(), Priority.BATCH, 1 - config.share_interactive()),
                Duration.ofMillis(config.deadline_ms()), Duration.ofMillis(config.keepalive_ms()),
                Duration.ofMillis(config.shed_target_ms()), Duration.ofMillis(config.shed_interval_ms()), config.memory_line());
        return new PriorityExecutor(settings,
                new Gradient2ConcurrencyLimit(Math.min(config.limit_initial(), config.workers_max()), 1, config.workers_max()),
                new HeapOccupancy(TimeUnit.MILLISECONDS.toNanos(100)), System::nanoTime);
    }

    /**
     * Stopping (the bundle updated, the configuration removed): new work is refused at once, so callers fall
     * back or answer 503; what was already queued still runs, for up to its deadline, and only what is left
     * then is refused.
     */
    @Deactivate
    void stop() {
        executor.shutdown();
        draining.forEach(PriorityExecutor::shutdown);
        try {
            executor.awaitDrained(drainTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.close();
        draining.forEach(PriorityExecutor::close);
        unbindMetrics(metrics);
    }

    /** Optional: without a registry the statistics are only in the service and the shell. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindMetrics")
    void bindMetrics(MetricRegistry registry) {
        metrics = registry;
        String executorName = name();
        gauge(registry, "workers", s -> s.workers());
        gauge(registry, "limit", s -> s.limit());
        gauge(registry, "active", s -> s.active());
        for (Priority p : Priority.values()) {
            String cls = p.name().toLowerCase();
            classGauge(registry, executorName, cls, "queued", s -> s.classes().get(p).queued());
            classGauge(registry, executorName, cls, "completed", s -> s.classes().get(p).completed());
            classGauge(registry, executorName, cls, "rejected",
                    s -> s.classes().get(p).rejected().values().stream().mapToLong(Long::longValue).sum());
            classGauge(registry, executorName, cls, "queue.wait.p99.ms", s -> s.classes().get(p).queueWaitP99Millis());
            classGauge(registry, executorName, cls, "run.p99.ms", s -> s.classes().get(p).runTimeP99Millis());
            classGauge(registry, executorName, cls, "response.p99.ms", s -> s.classes().get(p).responseTimeP99Millis());
        }
    }

    void unbindMetrics(MetricRegistry registry) {
        if (registry != null) {
            removeGauges(registry, name());
        }
        metrics = null;
    }

    private static void removeGauges(MetricRegistry registry, String executorName) {
        String marker = "executor=" + executorName;
        registry.removeMatching((n, m) -> n.startsWith("memtune.concurrency.") && (n.contains(marker + ",")
                || n.contains(marker + "}")));
    }

    private void gauge(MetricRegistry registry, String what, ToDoubleFunction<ExecutorStatistics> value) {
        registry.register(MetricNames.labeled(MetricRegistry.name("memtune", "concurrency", what), "executor", name()),
                (Gauge<Double>) () -> value.applyAsDouble(scraped.getValue()));
    }

    private void classGauge(MetricRegistry registry, String executorName, String cls, String what,
            ToDoubleFunction<ExecutorStatistics> value) {
        registry.register(MetricNames.labeled(MetricRegistry.name("memtune", "concurrency", what), "executor",
                executorName, "priority", cls), (Gauge<Double>) () -> value.applyAsDouble(scraped.getValue()));
    }

    @Override
    public String name() {
        return executor.name();
    }

    @Override
    public <T> CompletableFuture<T> submit(Priority priority, Duration deadline, Callable<T> task) {
        return onCurrentExecutor(e -> e.submit(priority, deadline, task));
    }

    @Override
    public <T> CompletableFuture<T> submitOrRun(Priority priority, Duration deadline, Callable<T> task) {
        return onCurrentExecutor(e -> e.submitOrRun(priority, deadline, task));
    }

    @Override
    public RejectedException refusalNow(Priority priority) {
        return executor.refusalNow(priority);
    }

    private <T> CompletableFuture<T> onCurrentExecutor(Function<PriorityExecutor, CompletableFuture<T>> submit) {
        PriorityExecutor current = executor;
        CompletableFuture<T> submitted = submit.apply(current);
        if (current != executor && RejectedException.refusedAsStopping(submitted)) {
            // swapped between the read and the submit: the old one refused it as stopping; the new one takes it
            return submit.apply(executor);
        }
        return submitted;
    }

    @Override
    public ExecutorStatistics statistics() {
        return executor.statistics();
    }
}
