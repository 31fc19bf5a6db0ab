package io.memtune.health.internal;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.memtune.health.core.StartLevels;
import io.memtune.health.core.Tags;

/**
 * Readiness: the framework has reached the start level it starts to, and is not stopping. Readiness is what every
 * check tagged {@code systemready} says, and while the container starts the checks are not all there yet (a
 * bundle's come with it): without this one /health/ready answered 200 for a moment between this bundle's checks
 * and the later bundles' (the shell's "memtune started", the template service), then 503 again.
 */
@Component(service = HealthCheck.class, property = {HealthCheck.NAME + "=framework started",
        HealthCheck.TAGS + "=" + Tags.READY})
public final class FrameworkStartedCheck implements HealthCheck {

    private final Bundle system;
    private final int target;

    @Activate
    public FrameworkStartedCheck(BundleContext context) {
        this.system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        this.target = StartLevels.parse(context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL), 1);
    }

    @Override
    public Result execute() {
        int state = system.getState();
        int level = system.adapt(FrameworkStartLevel.class).getStartLevel();
        return new Result(StartLevels.started(state, level, target) ? Result.Status.OK : Result.Status.TEMPORARILY_UNAVAILABLE,
                StartLevels.describe(state, level, target));
    }
}
