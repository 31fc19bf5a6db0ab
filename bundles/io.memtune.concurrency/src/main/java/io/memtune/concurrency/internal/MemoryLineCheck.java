package io.memtune.concurrency.internal;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.memtune.concurrency.core.HeapOccupancy;

/**
 * Readiness (Felix HC tag {@code systemready}), one per managed executor: the heap after GC is below the
 * executor's memory line. Above it the executor refuses new work (503); the load balancer had better send the work
 * to another instance meanwhile. Reads the executor's own factory configuration, so the line is the one in force.
 */
@Component(service = HealthCheck.class, configurationPid = ManagedExecutorComponent.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {HealthCheck.NAME + "=heap below the memory line", HealthCheck.TAGS + "=systemready"})
public final class MemoryLineCheck implements HealthCheck {

    private final String executor;
    private final double line;
    private final HeapOccupancy occupancy = new HeapOccupancy(TimeUnit.MILLISECONDS.toNanos(100));

    @Activate
    public MemoryLineCheck(ManagedExecutorComponent.Config config) {
        this.executor = config.executor_name();
        this.line = config.memory_line();
    }

    @Override
    public Result execute() {
        double heap = occupancy.getAsDouble();
        if (heap > line) {
            return new Result(Result.Status.TEMPORARILY_UNAVAILABLE, String.format(Locale.ROOT, "heap occupancy after GC"
                    + " %.2f is above the memory line %.2f of executor %s: it refuses new work", heap, line, executor));
        }
        return new Result(Result.Status.OK, String.format(Locale.ROOT, "heap occupancy after GC %.2f, memory line %.2f"
                + " of executor %s", heap, line, executor));
    }
}
