package io.memtune.tuner.internal;


import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
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
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;

import io.memtune.api.concurrency.ConcurrencyManager;
import io.memtune.api.config.EffectiveProperty;
import io.memtune.api.config.EnvironmentService;
import io.memtune.api.pool.PoolManager;
import io.memtune.api.profiler.LiveHeap;
import io.memtune.api.template.TemplateService;
import io.memtune.api.tuner.MemoryWindow;
import io.memtune.api.tuner.Recommendation;
import io.memtune.api.tuner.Tuner;
import io.memtune.api.tuner.TuningContext;
import io.memtune.api.tuner.TuningRule;
import io.memtune.tuner.core.BuiltInRules;
import io.memtune.tuner.core.Facts;
import io.memtune.tuner.core.FootprintTexts;
import io.memtune.tuner.core.GcWindow;
import io.memtune.tuner.core.JvmOptionsFile;

/**
 * The tuner. Recommends from the built-in rules and every {@link TuningRule} service (a failing rule is
 * logged and skipped). Applies live recommendations as runtime edits in Config Admin (marked
 * {@code memtune.config.editor=tuner}, so provenance says who changed what; the environment file wins again
 * when it changes that configuration), then watches each one's metric for the verification window and rolls
 * back a change that made it worse beyond the tolerance. In {@code apply} mode it does so by itself every
 * evaluation interval; in {@code recommend} mode (the default) only on command.
 */
@Component(service = Tuner.class, immediate = true, configurationPid = TunerComponent.PID)
@Designate(ocd = TunerComponent.Config.class)
public final class TunerComponent implements Tuner {

    static final String PID = "io.memtune.tuner";
    static final String EDITOR = "memtune.config.editor";

    @ObjectClassDefinition(name = "memtune tuner", description = "Recommending, applying, verifying, rolling back.")
    public @interface Config {
        @AttributeDefinition(name = "Mode", description = "recommend: only on command; apply: applies live recommendations"
                + " by itself every evaluation interval.", options = {@Option(value = "recommend"), @Option(value = "apply")})
        String mode() default "recommend";

        @AttributeDefinition(name = "Evaluation interval (ms)", description = "How often apply mode looks.", min = "1000")
        long evaluation_interval_ms() default 300_000;

        @AttributeDefinition(name = "Verification window (ms)", description = "How long an applied change is watched.", min = "100")
        long verify_window_ms() default 60_000;

        @AttributeDefinition(name = "Tolerance", description = "How much worse (relative) the watched metric may get before"
                + " the change is rolled back.", min = "0")
        double tolerance() default 0.2;

        @AttributeDefinition(name = "Memory window (ms)", description = "How far back the JVM's memory is measured for sizing"
                + " the heap, the collector and the JVM's own memory (live set after whole-heap collections, allocation, GC"
                + " time): long enough to hold the peak load of a day.", min = "10000")
        long memory_window_ms() default 3_600_000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(TunerComponent.class);

    private final UnaryOperator<String> properties;
    private final SettingWriter settings;
    private final Set<String> inapplicable;
    private final Config config;
    private final List<Change> history = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final GcWindow memory;
    private final GcListener gcListener;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    final List<TuningRule> thirdPartyRules = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile MetricRegistry registry; // package-private, as the references below: the embedded module binds them

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile ConcurrencyManager concurrency;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile PoolManager pools;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile TemplateService templates;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile EnvironmentService environments;

    @Activate
    public TunerComponent(BundleContext context, @Reference ConfigurationAdmin configAdmin, Config config) {
        this(config, context::getProperty, new ConfigAdminSettings(configAdmin), Set.of());
    }

    /**
     * Outside OSGi (the embedded mode), or with another way to change settings.
     *
     * @param properties the launch properties ({@code memtune.home})
     * @param settings where an applied recommendation (and its rollback) is written
     * @param inapplicable built-in rules about what this process does not have (embedded: no Jetty)
     */
    TunerComponent(Config config, UnaryOperator<String> properties, SettingWriter settings, Set<String> inapplicable) {
        this.properties = properties;
        this.settings = settings;
        this.inapplicable = Set.copyOf(inapplicable);
        this.config = config;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "memtune-tuner");
            t.setDaemon(true);
            return t;
        });
        // the window opens now: the collections before the tuner listened were not seen
        this.memory = new GcWindow(Duration.ofMillis(config.memory_window_ms()), System.currentTimeMillis());
        this.gcListener = new GcListener(memory);
        if ("apply".equals(config.mode())) {
            scheduler.scheduleWithFixedDelay(() -> apply(List.of()), config.evaluation_interval_ms(),
                    config.evaluation_interval_ms(), TimeUnit.MILLISECONDS);
        }
    }

    @Deactivate
    void stop() {
        scheduler.shutdownNow();
        gcListener.close();
    }

    TuningContext context() {
        long heapMax = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        long afterGc = LiveHeap.usedAfterGc(ManagementFactory.getMemoryPoolMXBeans());
        Map<String, Object> settings = new HashMap<>();
        EnvironmentService env = environments;
        if (env != null) {
            for (EffectiveProperty p : env.effectiveProperties(null)) {
                settings.put(p.pid() + "/" + p.key(), p.value());
            }
        }
        ConcurrencyManager c = concurrency;
        PoolManager p = pools;
        TemplateService t = templates;
        return new TuningContext(Runtime.getRuntime().availableProcessors(), Facts.containerMemoryLimit(),
                Runtime.version().feature(), Facts.collectors(), Facts.jvmFlags(), heapMax, afterGc,
                gauge("memtune.jvm.gc.overhead"), gauge("memtune.jvm.allocation.rate"),
                loadPerCore(),
                ManagementFactory.getThreadMXBean().getThreadCount(), c == null ? List.of() : c.statistics(),
                p == null ? List.of() : p.statistics(), t == null ? List.of() : t.cacheTiers(), settings,
                RegistrySnapshot.of(registry), memoryWindow());
    }

    private MemoryWindow memoryWindow() {
        return memory.summary(System.currentTimeMillis(), Facts.nonHeap());
    }

    @Override
    public MemoryWindow collectLiveSet() {
        Map<String, String> flags = Facts.jvmFlags();
        if ("true".equals(flags.get("DisableExplicitGC"))) {
            throw new IllegalStateException("cannot collect: this JVM runs with -XX:+DisableExplicitGC, which ignores the request;"
                    + " the live set is measured by the whole-heap collections the JVM makes by itself");
        }
        if ("true".equals(flags.get("ExplicitGCInvokesConcurrent")) && "true".equals(flags.get("UseG1GC"))) {
            throw new IllegalStateException("cannot measure the live set on request: with -XX:+ExplicitGCInvokesConcurrent a"
                    + " request starts a concurrent G1 cycle, which compacts nothing; run without that flag, or wait for a full"
                    + " collection");
        }
        long before = memory.liveReadings();
        System.gc(); // the operator asked for exactly this: one whole-heap collection
        if (!memory.awaitLiveReadings(before + 1, Duration.ofSeconds(30))) {
            throw new IllegalStateException("the collection asked for was not reported within 30 s: no live set measured");
        }
        // not logged: a log line of the command's thread would land in the command's own output (Gogo captures it)
        return memoryWindow();
    }

    private static double loadPerCore() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? -1 : load / Runtime.getRuntime().availableProcessors();
    }

    private double gauge(String name) {
        MetricRegistry r = registry;
        Metric m = r == null ? null : r.getMetrics().get(name);
        if (m instanceof Gauge && ((Gauge<?>) m).getValue() instanceof Number) {
            return ((Number) ((Gauge<?>) m).getValue()).doubleValue();
        }
        return Double.NaN;
    }

    @Override
    public List<Recommendation> recommend() {
        return recommend(context());
    }

    private List<Recommendation> recommend(TuningContext ctx) {
        List<Recommendation> all = new ArrayList<>();
        List<TuningRule> rules = new ArrayList<>(BuiltInRules.all());
        rules.removeIf(rule -> inapplicable.contains(rule.name()));
        rules.addAll(thirdPartyRules);
        for (TuningRule rule : rules) {
            try {
                all.addAll(rule.evaluate(ctx));
            } catch (RuntimeException e) {
                LOG.warn("tuning rule {} failed and is skipped: {}", rule.name(), e.toString());
            }
        }
        return all;
    }

    @Override
    public synchronized List<Change> apply(List<String> ids) {
        List<Change> made = new ArrayList<>();
        for (Recommendation r : recommend()) {
            if (!r.live() || !ids.isEmpty() && !ids.contains(r.id())) {
                continue;
            }
            double before = r.verifyMetric() == null ? Double.NaN : gauge(r.verifyMetric());
            try {
                settings.set(r.setting(), r.proposed());
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot apply {}: {}", r.id(), e.toString());
                continue;
            }
            Change change = new Change(r, Instant.now(), "applied", before, Double.NaN);
            history.add(change);
            made.add(change);
            LOG.info("tuner applied {}: {} {} -> {} ({})", r.id(), r.setting(), r.current(), r.proposed(), r.rationale());
            if (r.verifyMetric() != null) {
                scheduler.schedule(() -> verify(r, before), config.verify_window_ms(), TimeUnit.MILLISECONDS);
            }
        }
        return made;
    }

    /** After the window: keep the change if the metric did not get worse beyond the tolerance. */
    private synchronized void verify(Recommendation r, double before) {
        if (inForce(r.id()) == null) {
            return; // rolled back by the operator meanwhile: nothing left to verify
        }
        double after = gauge(r.verifyMetric());
        double slack = Math.max(Math.abs(before) * config.tolerance(), 1.0);
        boolean worse = !Double.isNaN(after) && !Double.isNaN(before)
                && (r.lowerIsBetter() ? after > before + slack : after < before - slack);
        if (!worse) {
            history.add(new Change(r, Instant.now(), "verified", before, after));
            return;
        }
        try {
            settings.set(r.setting(), r.current());
            String why = String.format(java.util.Locale.ROOT, "rolled back: %s went from %.3g to %.3g", r.verifyMetric(), before, after);
            history.add(new Change(r, Instant.now(), why, before, after));
            LOG.warn("tuner {} {}", r.id(), why);
        } catch (IOException | RuntimeException e) {
            history.add(new Change(r, Instant.now(), "rollback failed: " + e, before, after));
        }
    }

    @Override
    public synchronized Change rollback(String id) {
        Change applied = inForce(id);
        if (applied == null) {
            throw new IllegalArgumentException("no change of '" + id + "' is in force: never applied, or already rolled"
                    + " back (see tune-history)");
        }
        Recommendation r = applied.recommendation();
        try {
            settings.set(r.setting(), r.current());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot roll back " + id + ": " + r.setting() + " cannot be set to "
                    + r.current() + ": " + e.getMessage(), e);
        }
        Change change = new Change(r, Instant.now(), "rolled back: by the operator", applied.before(), Double.NaN);
        history.add(change);
        LOG.info("tuner rolled back {} at the operator's request: {} {} -> {}", id, r.setting(), r.proposed(), r.current());
        return change;
    }

    /** The latest change of a recommendation id when it is still in force (applied or verified), else null. */
    private Change inForce(String id) {
        for (int i = history.size() - 1; i >= 0; i--) {
            Change c = history.get(i);
            if (c.recommendation().id().equals(id) && !c.outcome().startsWith("written back")) {
                return c.outcome().equals("applied") || c.outcome().equals("verified") ? c : null;
            }
        }
        return null;
    }

    @Override
    public Change writeBack(String id) {
        Recommendation r = recommend().stream().filter(x -> x.id().equals(id) && x.live()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no live recommendation '" + id + "' now (see tune)"));
        EnvironmentService env = environments;
        if (env == null) {
            throw new IllegalStateException("the config bundle is not running: nothing to write back to");
        }
        int slash = r.setting().indexOf('/');
        String diff = env.writeBack(r.setting().substring(0, slash), r.setting().substring(slash + 1),
                SettingValues.typed(r.proposed().matches("-?\\d+") ? 0L : r.proposed(), r.proposed()));
        Change change = new Change(r, Instant.now(), "written back:\n" + diff, Double.NaN, Double.NaN);
        history.add(change);
        return change;
    }

    @Override
    public String jvmOptions() {
        String home = properties.apply("memtune.home");
        List<String> lines = new ArrayList<>();
        if (home != null) {
            try {
                lines.addAll(Files.readAllLines(Path.of(home, "jvm.options")));
            } catch (IOException e) {
                lines.add("# (no jvm.options at " + home + ")");
            }
        }
        TuningContext ctx = context();
        List<Recommendation> jvm = JvmOptionsFile.distinct(recommend(ctx).stream().filter(r -> !r.live()).toList());
        List<String> header = new ArrayList<>();
        header.add("Proposed by memtune:tune --jvm-options at " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + " from what this JVM (Java " + Runtime.version() + ", " + FootprintTexts.collector(ctx) + ", -Xmx"
                + ctx.heapMax() / (1024 * 1024) + "m, " + ctx.cores() + " cores) measured. Not written: review it, put it in place"
                + " of jvm.options, restart.");
        header.addAll(FootprintTexts.describe(ctx.memory()));
        header.add(jvm.isEmpty() ? "Nothing to change." : jvm.size() + " change" + (jvm.size() == 1 ? "" : "s")
                + ", each under a comment with the figures behind it, at the end.");
        return JvmOptionsFile.merge(lines, header, jvm);
    }

    @Override
    public List<Change> history() {
        return List.copyOf(history);
    }
}
