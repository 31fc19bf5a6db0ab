package io.memtune.tuner.internal;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

import io.memtune.tuner.core.Facts;
import io.memtune.tuner.core.LowLoadPolicy;

/**
 * Collects at low load so the heap shrinks and memory goes back to the operating system: when the render
 * rate stays under a line for a quiet period, a concurrent collection is started ({@code System.gc()} with
 * {@code -XX:+ExplicitGCInvokesConcurrent}; without that flag a full stop-the-world GC would result, so it
 * does nothing and the idle-heap rule recommends {@code -XX:G1PeriodicGCInterval} instead). Never during load,
 * at most once per interval; committed heap and RSS before and after are logged.
 */
@Component(service = {}, immediate = true, configurationPid = LowLoadCollector.PID)
@Designate(ocd = LowLoadCollector.Config.class)
public final class LowLoadCollector {

    static final String PID = "io.memtune.tuner.lowload";

    @ObjectClassDefinition(name = "memtune low-load collection", description = "Return memory when idle.")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "Collect at low load.")
        boolean enabled() default true;

        @AttributeDefinition(name = "Load line (renders/s)", description = "Under this one-minute render rate the container is idle.", min = "0")
        double rate_line() default 1.0;

        @AttributeDefinition(name = "Quiet period (ms)", description = "How long the rate must stay under the line.", min = "1000")
        long quiet_ms() default 300_000;

        @AttributeDefinition(name = "Least time between collections (ms)", description = "Rate limit.", min = "1000")
        long min_interval_ms() default 1_800_000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(LowLoadCollector.class);

    private final ScheduledExecutorService ticks;
    private final LowLoadPolicy policy;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile MetricRegistry registry;

    @Activate
    public LowLoadCollector(Config config) {
        this.policy = new LowLoadPolicy(config.rate_line(), config.quiet_ms(), config.min_interval_ms());
        this.ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "memtune-lowload-gc");
            t.setDaemon(true);
            return t;
        });
        if (config.enabled()) {
            ticks.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void stop() {
        ticks.shutdownNow();
    }

    private void tick() {
        MetricRegistry r = registry;
        if (r == null) {
            return;
        }
        double rate = 0;
        for (Map.Entry<String, Timer> e : r.getTimers((name, m) -> name.startsWith("memtune.template.render")).entrySet()) {
            rate += e.getValue().getOneMinuteRate();
        }
        long now = System.currentTimeMillis();
        if (!policy.shouldCollect(rate, now)) {
            return;
        }
        long quietSeconds = policy.quietForMillis(now) / 1000;
        if (!"true".equals(Facts.jvmFlags().get("ExplicitGCInvokesConcurrent"))) {
            LOG.info("idle for {} s; not collecting: without -XX:+ExplicitGCInvokesConcurrent System.gc() would stop the"
                    + " world (see memtune:tune --jvm-options)", quietSeconds);
            return;
        }
        long committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        long rss = Facts.residentSetSize();
        System.gc();
        LOG.info("idle for {} s: concurrent collection; committed heap {} -> {} MB, RSS {} -> {} MB",
                quietSeconds, committed >> 20,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() >> 20, rss >> 20,
                Facts.residentSetSize() >> 20);
    }
}
