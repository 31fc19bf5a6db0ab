package io.memtune.shell.internal;

import java.util.List;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * Readiness (Felix HC tag {@code systemready}): what "memtune ready" in the log means, asked at any time: the
 * framework has reached its start level, every core bundle is active and every memtune component satisfied. (While
 * it starts, every bundle due may be active between two levels: readiness would flap to 200 and back.) The bundles of the
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
        if (system.getState() == Bundle.STOPPING) {
            return new Result(Result.Status.TEMPORARILY_UNAVAILABLE, "the framework is stopping");
        }
        // the start level first: between two levels every bundle due may be active, and the next level's not yet
        int level = system.adapt(FrameworkStartLevel.class).getStartLevel();
        int target = beginningStartLevel();
        if (system.getState() != Bundle.ACTIVE || level < target) {
            return new Result(Result.Status.TEMPORARILY_UNAVAILABLE, "the framework is starting: start level " + level
                    + " of " + target);
        }
        List<String> pending = ReadinessReporter.pending(context, scr, coreStartLevels());
        FormattingResultLog log = new FormattingResultLog();
        if (pending.isEmpty()) {
            log.info("{} bundles active, every memtune component satisfied", context.getBundles().length);
        }
        pending.forEach(p -> log.temporarilyUnavailable("{}", p));
        return new Result(log);
    }

    /** The start level the framework starts to ({@value Constants#FRAMEWORK_BEGINNING_STARTLEVEL}, 1 by default). */
    private int beginningStartLevel() {
        return parse(context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL), 1);
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
