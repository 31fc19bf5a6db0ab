package io.memtune.shell.internal;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs how long the container took from JVM start to "every bundle ACTIVE, every memtune component satisfied and
 * every readiness check passing" (the start-up figure operators watch; the same moment {@code /health/ready} turns
 * 200, after the warm-up), or, when that does not happen within two minutes, what is holding it up and why.
 */
@Component(service = {}, immediate = true)
public final class ReadinessReporter implements FrameworkListener {

    private static final Logger LOG = LoggerFactory.getLogger(ReadinessReporter.class);
    /** Start-up and the warm-up together (its longest is 45 s by default). */
    private static final long GIVE_UP_MS = TimeUnit.MINUTES.toMillis(2);
    private static final String READY_TAG = "systemready";

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HealthCheckExecutor executor;
    private Thread waiter; // guarded by this

    @Activate
    public ReadinessReporter(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
        context.addFrameworkListener(this);
        if (frameworkStarted()) {
            awaitReadiness();
        }
    }

    @Deactivate
    synchronized void stop() {
        context.removeFrameworkListener(this);
        if (waiter != null) {
            waiter.interrupt();
        }
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED) {
            awaitReadiness();
        }
    }

    private boolean frameworkStarted() {
        Bundle system = context.getBundle(0);
        return system.getState() == Bundle.ACTIVE;
    }

    private synchronized void awaitReadiness() {
        if (waiter != null) {
            return;
        }
        waiter = new Thread(this::await, "memtune-readiness");
        waiter.setDaemon(true);
        waiter.start();
    }

    private void await() {
        long deadline = System.currentTimeMillis() + GIVE_UP_MS;
        try {
            List<String> pending = pending();
            while (!pending.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
                pending = pending();
            }
            // then the readiness checks (the warm-up among them): "ready" means what /health/ready says
            if (pending.isEmpty()) {
                pending = readinessChecksFailing();
                while (!pending.isEmpty() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                    pending = readinessChecksFailing();
                }
            }
            long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            if (pending.isEmpty()) {
                LOG.info("memtune ready in {} ms: {} bundles active, every memtune component satisfied, every readiness"
                        + " check passes (environment {})", sinceJvmStart, context.getBundles().length,
                        context.getProperty("memtune.env"));
            } else {
                LOG.warn("memtune not ready after {} ms; waiting on: {}", sinceJvmStart, String.join("; ", pending));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // the bundle stopped while waiting
        }
    }

    /** What is not ready yet, in words: inactive bundles, unsatisfied memtune components and why. */
    /**
     * The readiness checks (Felix HC tag {@code systemready}) that do not pass now, in words; none without the
     * health check executor (the health bundles are optional).
     */
    private List<String> readinessChecksFailing() {
        HealthCheckExecutor hc = executor;
        if (hc == null) {
            return List.of();
        }
        List<String> failing = new ArrayList<>();
        for (HealthCheckExecutionResult r : hc.execute(HealthCheckSelector.tags(READY_TAG),
                new HealthCheckExecutionOptions().setForceInstantExecution(true))) {
            Result.Status status = r.getHealthCheckResult().getStatus();
            if (status != Result.Status.OK && status != Result.Status.WARN) {
                failing.add("check " + r.getHealthCheckMetadata().getName() + " " + status);
            }
        }
        return failing;
    }

    private List<String> pending() {
        return pending(context, scr, Integer.MAX_VALUE);
    }

    /** As {@link #pending()}, for bundles up to {@code maxStartLevel} only (readiness leaves the deploy folder out). */
    static List<String> pending(BundleContext context, ServiceComponentRuntime scr, int maxStartLevel) {
        List<String> pending = new ArrayList<>();
        FrameworkStartLevel startLevel = context.getBundle(0).adapt(FrameworkStartLevel.class);
        List<Bundle> memtune = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = (b.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            boolean due = b.adapt(BundleStartLevel.class).getStartLevel()
                    <= Math.min(startLevel.getStartLevel(), maxStartLevel);
            if (!fragment && due && b.getState() != Bundle.ACTIVE) {
                pending.add("bundle " + b.getSymbolicName() + " is " + state(b.getState()));
            }
            if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("io.memtune.")) {
                memtune.add(b);
            }
        }
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(memtune.toArray(new Bundle[0]))) {
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(description)) {
                if (c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED) {
                    pending.add("component " + description.name + " " + why(c));
                }
            }
        }
        return pending;
    }

    private static String why(ComponentConfigurationDTO c) {
        if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
            return "failed to activate: " + c.failure;
        }
        if (c.unsatisfiedReferences != null && c.unsatisfiedReferences.length > 0) {
            return "lacks " + Arrays.stream(c.unsatisfiedReferences).map(r -> r.name).toList();
        }
        return "is unsatisfied (state " + c.state + ")";
    }

    private static String state(int state) {
        switch (state) {
            case Bundle.INSTALLED: return "INSTALLED (not resolved)";
            case Bundle.RESOLVED: return "RESOLVED (not started)";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            default: return "in state " + state;
        }
    }
}
