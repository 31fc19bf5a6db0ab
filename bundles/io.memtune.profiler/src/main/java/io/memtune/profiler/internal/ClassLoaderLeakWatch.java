package io.memtune.profiler.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.wiring.BundleWiring;
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

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;

import io.memtune.api.profiler.ClassLoaderLeaks;
import io.memtune.api.profiler.ClassLoaderLeaks.State;
import io.memtune.profiler.core.JdkLoaderPins;
import io.memtune.profiler.core.LeakCanaries;

/**
 * The class loader leak check: every started bundle's loader gets a weak canary; after an update or an
 * uninstall, full collections are asked for (one at once, then spread over the settle window) until the canary
 * clears. An old revision still reachable past the grace period is a suspect ({@code memtune:leaks} lists it);
 * one still reachable after the settle window and its collections is declared leaked: logged, counted in the
 * metric {@code memtune.profiler.classloader.leaks} (only leaks: an alert rule can fire on it) and listed.
 * Old code held for a while for a good reason (an idle pool thread expiring, a soft reference) clears within the
 * window and is never declared leaked.
 */
@Component(service = ClassLoaderLeaks.class, immediate = true, configurationPid = ClassLoaderLeakWatch.PID)
@Designate(ocd = ClassLoaderLeakWatch.Config.class)
public final class ClassLoaderLeakWatch implements ClassLoaderLeaks, BundleListener {

    static final String PID = "io.memtune.profiler.leaks";
    static final String METRIC = MetricRegistry.name("memtune", "profiler", "classloader", "leaks");

    @ObjectClassDefinition(name = "memtune class loader leak check", description = "Zombie bundles after updates.")
    public @interface Config {
        @AttributeDefinition(name = "Check interval (ms)", description = "How often watched loaders are checked.", min = "100")
        long check_interval_ms() default 10_000;

        @AttributeDefinition(name = "Grace period (ms)", description = "How long an old revision may stay reachable"
                + " before it is listed as a suspect (in-flight work finishing).", min = "0")
        long grace_ms() default 30_000;

        @AttributeDefinition(name = "Settle window (ms)", description = "How long an old revision must stay reachable,"
                + " through the collections spread over it, before it is declared leaked. Longer than anything that"
                + " holds old code for a while: idle pool threads expire after 60 s, soft references go with memory"
                + " demand.", min = "0")
        long settle_ms() default 300_000;

        @AttributeDefinition(name = "Collections", description = "Full collections, spread over the settle window"
                + " (one more after it), that an old revision must survive before it is declared leaked.", min = "1")
        int collections() default 5;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ClassLoaderLeakWatch.class);

    private final BundleContext context;
    private final LeakCanaries canaries;
    private final ScheduledExecutorService checks;
    private final Set<Long> reported = ConcurrentHashMap.newKeySet();
    private final Set<Long> suspected = ConcurrentHashMap.newKeySet();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindMetrics")
    void bindMetrics(MetricRegistry registry) {
        registry.register(METRIC, (Gauge<Long>) () -> canaries.suspects().stream().filter(LeakSuspect::leaked).count());
    }

    void unbindMetrics(MetricRegistry registry) {
        registry.remove(METRIC);
    }

    @Activate
    public ClassLoaderLeakWatch(BundleContext context, Config config) {
        this.context = context;
        this.canaries = new LeakCanaries(new LeakCanaries.Policy(config.grace_ms(), config.settle_ms(), config.collections()),
                System::currentTimeMillis);
        context.addBundleListener(this);
        for (Bundle b : context.getBundles()) {
            if (b.getState() == Bundle.ACTIVE) {
                remember(b);
            }
        }
        this.checks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "memtune-leak-check");
            t.setDaemon(true);
            return t;
        });
        checks.scheduleWithFixedDelay(this::check, config.check_interval_ms(), config.check_interval_ms(), TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void stop() {
        context.removeBundleListener(this);
        checks.shutdownNow();
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        switch (event.getType()) {
            case BundleEvent.STARTED -> remember(event.getBundle());
            case BundleEvent.UPDATED -> canaries.retired(event.getBundle().getBundleId(), "updated");
            case BundleEvent.UNINSTALLED -> canaries.retired(event.getBundle().getBundleId(), "uninstalled");
            default -> {
            }
        }
    }

    private void remember(Bundle b) {
        BundleWiring wiring = b.adapt(BundleWiring.class);
        ClassLoader loader = wiring == null ? null : wiring.getClassLoader();
        canaries.started(b.getBundleId(), b.getSymbolicName() + " " + b.getVersion(), loader);
    }

    private void check() {
        try {
            if (canaries.wantsCollection()) {
                JdkLoaderPins.release(); // else the JDK itself may hold the last updated bundle's loader
                System.gc(); // only after an update or uninstall, and only until the old loaders clear
                canaries.collected();
            }
            for (LeakSuspect s : canaries.suspects()) {
                if (s.state() == State.SUSPECT && suspected.add(s.bundleId())) {
                    LOG.info("class loader check: {} (bundle {}) is still reachable {} s after it was {}; suspect until"
                            + " the settle window ends (may still be released)", s.bundle(), s.bundleId(), s.secondsSince(),
                            s.event());
                } else if (s.leaked() && reported.add(s.bundleId())) {
                    LOG.warn("class loader leak: {} (bundle {}) is still reachable {} s after it was {}, after {} full"
                            + " collections: something still references its classes", s.bundle(), s.bundleId(),
                            s.secondsSince(), s.event(), s.collections());
                }
            }
            for (LeakCanaries.Released r : canaries.drainClearedAfterSuspicion()) {
                boolean wasReported = reported.remove(r.bundleId());
                suspected.remove(r.bundleId());
                LOG.info("class loader check: {} (bundle {}) was released {} s after it retired{}", r.bundle(), r.bundleId(),
                        r.seconds(), wasReported ? " (it had been reported as leaked: raise settle.ms)" : "");
            }
        } catch (RuntimeException e) {
            LOG.warn("class loader leak check failed: {}", e.toString());
        }
    }

    @Override
    public List<LeakSuspect> suspects() {
        return canaries.suspects();
    }
}
