package io.memtune.health.internal;

import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.memtune.health.core.Drain;
import io.memtune.health.core.RequestTracker;

/**
 * The drain the launcher runs on SIGTERM before it stops the framework. The launcher lives outside OSGi and
 * shares no class with the bundles: it finds this as a {@link Runnable} service with the property
 * {@value #LIFECYCLE_PROPERTY}={@value #DRAIN}, calls {@link #run()} and, once that returns, stops the framework.
 * Without this bundle the launcher stops at once.
 */
@Component(service = Runnable.class, configurationPid = DrainOnStop.PID,
        property = DrainOnStop.LIFECYCLE_PROPERTY + "=" + DrainOnStop.DRAIN)
@Designate(ocd = DrainOnStop.Config.class)
public final class DrainOnStop implements Runnable {

    static final String PID = "io.memtune.health.drain";
    /** What the launcher looks for: objectClass java.lang.Runnable and this property. */
    static final String LIFECYCLE_PROPERTY = "memtune.lifecycle";
    static final String DRAIN = "drain";

    @ObjectClassDefinition(name = "memtune drain on stop", description = "What happens between SIGTERM and the stop:"
            + " readiness (/health/ready) answers 503 at once, the container goes on serving for the grace, then waits"
            + " for the requests in flight up to the deadline. Kubernetes: terminationGracePeriodSeconds must exceed"
            + " grace + deadline + the stop itself (a few seconds).")
    public @interface Config {
        @AttributeDefinition(name = "Grace (ms)", description = "How long to go on serving after readiness fails: longer"
                + " than the load balancer needs to notice (its check interval times its fall count, plus a check's"
                + " time; for Kubernetes, the time endpoints take to update).", min = "0", max = "600000")
        long grace_ms() default 5000;

        @AttributeDefinition(name = "Deadline (ms)", description = "After the grace, how long the requests still in"
                + " flight get to finish before the container stops anyway.", min = "0", max = "600000")
        long deadline_ms() default 20000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(DrainOnStop.class);

    private final RequestTracker tracker;
    private volatile Config config;

    @Activate
    public DrainOnStop(@Reference RequestTracker tracker, Config config) {
        this.tracker = tracker;
        this.config = config;
    }

    /** A new grace or deadline applies to the next drain; one under way keeps its own. */
    @Modified
    void modified(Config changed) {
        this.config = changed;
    }

    /** Drains; returns when the container may stop (at most grace + deadline later). */
    @Override
    public void run() {
        Config c = config;
        try {
            new Drain(tracker, Duration.ofMillis(c.grace_ms()), Duration.ofMillis(c.deadline_ms()), System::nanoTime, LOG::info)
                    .run();
        } catch (InterruptedException e) {
            LOG.warn("draining: interrupted with {} request(s) in flight; stopping now", tracker.inFlight());
            Thread.currentThread().interrupt();
        }
    }
}
