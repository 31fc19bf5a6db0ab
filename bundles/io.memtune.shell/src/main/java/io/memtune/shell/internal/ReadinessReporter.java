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
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs how long the container took from JVM start to "every bundle ACTIVE and every memtune component
 * satisfied" (the start-up figure operators watch), or, when that does not happen within a minute, which
 * bundles and components are holding it up and why.
 */
@Component(service = {}, immediate = true)
public final class ReadinessReporter implements FrameworkListener {

    private static final Logger LOG = LoggerFactory.getLogger(ReadinessReporter.class);
    private static final long GIVE_UP_MS = TimeUnit.MINUTES.toMillis(1);

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
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
            long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            if (pending.isEmpty()) {
                LOG.info("memtune ready in {} ms: {} bundles active, every memtune component satisfied (environment {})",
                        sinceJvmStart, context.getBundles().length, context.getProperty("memtune.env"));
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
