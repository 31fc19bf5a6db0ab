package io.memtune.health.internal;

import java.time.Duration;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.memtune.health.core.RequestTracker;
import io.memtune.health.core.Tags;

/** Readiness: not draining. Once the drain starts (SIGTERM) the instance will not be fit for traffic again. */
@Component(service = HealthCheck.class, property = {HealthCheck.NAME + "=not draining", HealthCheck.TAGS + "=" + Tags.READY})
public final class NotDrainingCheck implements HealthCheck {

    private final RequestTracker tracker;

    @Activate
    public NotDrainingCheck(@Reference RequestTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public Result execute() {
        if (!tracker.draining()) {
            return new Result(Result.Status.OK, "not draining; " + tracker.inFlight() + " request(s) in flight, this one included");
        }
        long millis = Duration.ofNanos(System.nanoTime() - tracker.drainingSinceNanos()).toMillis();
        return new Result(Result.Status.CRITICAL, "draining for " + millis + " ms before the stop: send nothing more; "
                + tracker.inFlight() + " request(s) in flight");
    }
}
