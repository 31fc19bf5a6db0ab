package io.memtune.shell.internal;

import java.util.List;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * Readiness (Felix HC tag {@code systemready}): what "memtune ready" in the log means, asked at any time: every core
 * bundle due at the framework's start level is active and every memtune component satisfied. (That the framework
 * has reached its start level at all is io.memtune.health's check: this bundle starts late in it.) The bundles of
 * the deploy folder (from the start level {@code felix.fileinstall.start.level} on) are plugins and left out: a
 * broken jar dropped there, or a second version waiting by design, must not take the instance out of the load
 * balancer.
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
        int deployLevel = parse(context.getProperty("felix.fileinstall.start.level"), Integer.MAX_VALUE);
        return deployLevel == Integer.MAX_VALUE ? deployLevel : deployLevel - 1;
    }

    private static int parse(String value, int otherwise) {
        try {
            return value == null ? otherwise : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
