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
import io.memtune.profiler.core.LeakCanaries;

/**
 * The class loader leak check: every started bundle's loader gets a weak canary; after an update or an
 * uninstall, a full collection is asked for at each check until the canary clears, and an old revision
 * still reachable after the grace period and the collections is reported (log, metric
 * {@code memtune.profiler.classloader.leaks}, {@code memtune:leaks}) so an alert rule can fire on it.
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

        @AttributeDefinition(name = "Grace period (ms)", description = "How long an old revision may stay reachable.", min = "0")
        long grace_ms() default 30_000;

        @AttributeDefinition(name = "Collections", description = "Full collections asked for before declaring a leak.", min = "1")
        int collections() default 3;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ClassLoaderLeakWatch.class);

    private final BundleContext context;
    private final LeakCanaries canaries;
    private final ScheduledExecutorService checks;
    private final Set<Long> reported = ConcurrentHashMap.newKeySet();

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
        this.canaries = new LeakCanaries(config.grace_ms(), config.collections(), System::currentTimeMillis);
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
                System.gc(); // only after an update or uninstall, and only until the old loaders clear
                canaries.collected();
            }
            for (LeakSuspect s : canaries.suspects()) {
                if (s.leaked() && reported.add(s.bundleId())) {
                    LOG.warn("class loader leak: {} (bundle {}) is still reachable {} s after it was {}, after {} full"
                            + " collections: something still references its classes", s.bundle(), s.bundleId(),
                            s.secondsSince(), s.event(), s.collections());
                }
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
