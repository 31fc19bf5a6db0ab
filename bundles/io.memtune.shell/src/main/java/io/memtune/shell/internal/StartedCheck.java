package io.memtune.shell.internal;

import java.util.List;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * Readiness (Felix HC tag {@code systemready}): what "memtune ready" in the log means, asked at any time: the
 * framework has started, every core bundle is active and every memtune component satisfied. The bundles of the
 * deploy folder (from the start level {@code felix.fileinstall.start.level} on) are plugins and left out: a broken
 * jar dropped there, or a second version waiting by design, must not take the instance out of the load balancer.
 */
@Component(service = HealthCheck.class, property = {HealthCheck.NAME + "=memtune started",
        HealthCheck.TAGS + "=systemready"})
public final class StartedCheck implements HealthCheck {

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    @Activate
    public StartedCheck(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    @Override
    public Result execute() {
        Bundle system = context.getBundle(0);
        if (system.getState() != Bundle.ACTIVE) {
            return new Result(Result.Status.TEMPORARILY_UNAVAILABLE, "the framework is "
                    + (system.getState() == Bundle.STOPPING ? "stopping" : "starting"));
        }
        List<String> pending = ReadinessReporter.pending(context, scr, coreStartLevels());
        FormattingResultLog log = new FormattingResultLog();
        if (pending.isEmpty()) {
            log.info("{} bundles active, every memtune component satisfied", context.getBundles().length);
        }
        pending.forEach(p -> log.temporarilyUnavailable("{}", p));
        return new Result(log);
    }

    /** The highest start level of the core bundles: just below the deploy folder's. */
    private int coreStartLevels() {
        String deployLevel = context.getProperty("felix.fileinstall.start.level");
        try {
            return deployLevel == null ? Integer.MAX_VALUE : Integer.parseInt(deployLevel.trim()) - 1;
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
