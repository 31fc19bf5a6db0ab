package io.memtune.alerting.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import java.util.function.UnaryOperator;

import org.osgi.framework.BundleContext;
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

import com.codahale.metrics.MetricRegistry;

import io.memtune.alerting.core.AlertEngine;
import io.memtune.alerting.core.AlertRecord;
import io.memtune.alerting.core.AlertStore;
import io.memtune.alerting.core.MetricValues;
import io.memtune.alerting.core.Rule;
import io.memtune.alerting.core.RuleSets;
import io.memtune.api.alert.Alert;
import io.memtune.api.alert.AlertService;
import io.memtune.api.alert.AlertSink;
import io.memtune.api.alert.AlertState;
import io.memtune.api.pool.PoolManager;
import io.memtune.api.profiler.MemoryProfiler;
import io.memtune.api.profiler.ProfileKind;
import io.memtune.api.template.TemplateService;

/**
 * Evaluates the rules (built-in sets switched on by the environment, plus {@code io.memtune.alerting.rule~*})
 * against the registry every interval, keeps the states (persisted in {@code data/alerts}), tells the sinks
 * of alerts that start firing, keep firing (every repeat interval) and resolve, unless silenced, and runs a
 * rule's action when it starts firing, at most once per action interval. Every other bundle is optional:
 * without the registry nothing is evaluated; without the profiler, template service or pool manager the
 * action is skipped and the alert still fires.
 */
@Component(service = AlertService.class, immediate = true, configurationPid = AlertServiceComponent.PID)
@Designate(ocd = AlertServiceComponent.Config.class)
public final class AlertServiceComponent implements AlertService {

    static final String PID = "io.memtune.alerting";

    @ObjectClassDefinition(name = "memtune alerting", description = "Rule sets, evaluation, state, repeats, actions.")
    public @interface Config {
        @AttributeDefinition(name = "Rule sets", description = "Built-in rules switched on: jvm, pools, executors, templates, profiler.")
        String[] rulesets() default {"jvm", "pools", "executors"};

        @AttributeDefinition(name = "Evaluation interval (ms)", description = "How often rules are evaluated.", min = "50")
        long evaluation_interval_ms() default 5000;

        @AttributeDefinition(name = "Repeat interval (ms)", description = "A firing alert is sent again this often (Alertmanager"
                + " resolves alerts it stops hearing of).", min = "1000")
        long repeat_interval_ms() default 60_000;

        @AttributeDefinition(name = "Action interval (ms)", description = "The least time between two runs of a rule's action.", min = "0")
        long action_interval_ms() default 600_000;

        @AttributeDefinition(name = "State directory", description = "Where alert states are kept across restarts; relative"
                + " to the installation.")
        String state_directory() default "data/alerts";

        @AttributeDefinition(name = "History", description = "Resolved alerts kept for listing.", min = "0")
        int history() default 100;
    }

    private static final Logger LOG = LoggerFactory.getLogger(AlertServiceComponent.class);

    private final Config config;
    private final AlertEngine engine = new AlertEngine();
    private final MetricValues values = new MetricValues();
    private final AlertStore store;
    private final List<Rule> builtIn;
    private final Map<String, Long> lastSent = new ConcurrentHashMap<>();
    private final Map<String, Long> lastAction = new ConcurrentHashMap<>();
    private final Map<String, Silence> silences = new ConcurrentHashMap<>();
    private final List<Alert> history = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService evaluator;

    private record Silence(long until, boolean untilResolved) {
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    final List<AlertSink> sinks = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    final List<AlertRuleConfig> configuredRules = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile MetricRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile MemoryProfiler profiler;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile TemplateService templates;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile PoolManager pools;

    @Activate
    public AlertServiceComponent(BundleContext context, Config config) throws IOException {
        this(config, context::getProperty);
    }

    /** Outside OSGi (the embedded mode); {@code properties} are the launch properties ({@code memtune.home}). */
    AlertServiceComponent(Config config, UnaryOperator<String> properties) throws IOException {
        this.config = config;
        List<Rule> rules = new ArrayList<>();
        for (String set : config.rulesets()) {
            rules.addAll(RuleSets.named(set.trim()));
        }
        this.builtIn = List.copyOf(rules);
        String home = properties.apply("memtune.home");
        Path directory = Path.of(config.state_directory());
        this.store = new AlertStore(directory.isAbsolute() || home == null ? directory.toAbsolutePath() : Path.of(home).resolve(directory));
        engine.restore(store.load());
        this.evaluator = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "memtune-alerting");
            t.setDaemon(true);
            return t;
        });
        evaluator.scheduleWithFixedDelay(this::evaluate, config.evaluation_interval_ms(), config.evaluation_interval_ms(),
                TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void stop() {
        evaluator.shutdownNow();
    }

    private List<Rule> allRules() {
        List<Rule> rules = new ArrayList<>(builtIn);
        configuredRules.forEach(c -> rules.add(c.rule()));
        return rules;
    }

    private void evaluate() {
        MetricRegistry r = registry;
        if (r == null) {
            return;
        }
        long now = System.currentTimeMillis();
        try {
            List<Rule> rules = allRules();
            engine.retain(rules.stream().map(Rule::name).toList());
            boolean changed = false;
            for (Rule rule : rules) {
                for (AlertEngine.Transition t : engine.evaluate(rule, values.read(rule, r, now), now)) {
                    changed = true;
                    Alert alert = alertOf(rule, t.alert(), now);
                    LOG.warn("alert {} {}: {}", alert.rule(), alert.state().name().toLowerCase(), alert.summary());
                    if (t.alert().state() == AlertState.FIRING) {
                        act(rule, now);
                    } else {
                        remember(alert);
                        endSilenceOnResolve(rule.name());
                    }
                    send(alert, now);
                }
            }
            for (AlertRecord a : engine.records()) { // repeats of firing alerts
                if (a.state() == AlertState.FIRING && now - lastSent.getOrDefault(a.key(), 0L) >= config.repeat_interval_ms()) {
                    rules.stream().filter(x -> x.name().equals(a.rule())).findFirst()
                            .ifPresent(rule -> send(alertOf(rule, a, now), now));
                }
            }
            if (changed) {
                store.save(engine.records());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("alert evaluation failed: {}", e.toString());
        }
    }

    private void send(Alert alert, long now) {
        lastSent.put(alert.rule() + "|" + alert.labels().get("series"), now);
        if (alert.silenced()) {
            return;
        }
        for (AlertSink sink : sinks) {
            try {
                sink.send(alert);
            } catch (Exception e) {
                LOG.warn("alert sink {} failed for {}: {}", sink.getClass().getSimpleName(), alert.rule(), e.toString());
            }
        }
    }

    private void act(Rule rule, long now) {
        if (now - lastAction.getOrDefault(rule.name(), Long.MIN_VALUE / 2) < config.action_interval_ms()) {
            return;
        }
        lastAction.put(rule.name(), now);
        String action = rule.action();
        try {
            if ("capture-profile".equals(action)) {
                MemoryProfiler p = profiler;
                if (p != null) {
                    p.capture(ProfileKind.HISTOGRAM, "alert " + rule.name());
                }
            } else if ("evict-template-cache".equals(action)) {
                TemplateService t = templates;
                if (t != null) {
                    t.evictCache("memory");
                }
            } else if (action.startsWith("shrink-pool:")) {
                PoolManager p = pools;
                String pool = action.substring("shrink-pool:".length());
                if (p != null) {
                    p.statistics(pool).ifPresent(s -> p.resize(pool, Math.min(s.min(), Math.max(1, s.max() / 2)), Math.max(1, s.max() / 2)));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("action '{}' of alert {} failed: {}", action, rule.name(), e.toString());
        }
    }

    private Alert alertOf(Rule rule, AlertRecord a, long now) {
        Map<String, String> labels = new LinkedHashMap<>(rule.labels());
        labels.put("alertname", rule.name());
        labels.put("series", a.series());
        labels.put("severity", rule.severity());
        Silence s = silences.get(rule.name());
        boolean silenced = s != null && s.until() > now;
        return new Alert(rule.name(), a.state(), rule.severity(), labels,
                rule.summary().replace("{{value}}", String.format(java.util.Locale.ROOT, "%.4g", a.value()))
                        .replace("{{series}}", a.series()),
                a.value(), instant(a.activeSince()), instant(a.firingSince()), instant(a.resolvedAt()), silenced);
    }

    private static Instant instant(long millis) {
        return millis == 0 ? null : Instant.ofEpochMilli(millis);
    }

    private void remember(Alert resolved) {
        history.add(0, resolved);
        while (history.size() > config.history()) {
            history.remove(history.size() - 1);
        }
    }

    private void endSilenceOnResolve(String rule) {
        Silence s = silences.get(rule);
        if (s != null && s.untilResolved()) {
            silences.remove(rule);
        }
    }

    @Override
    public List<Alert> alerts(boolean all) {
        long now = System.currentTimeMillis();
        List<Rule> rules = allRules();
        List<Alert> active = new ArrayList<>();
        for (AlertRecord a : engine.records()) {
            if (a.state() == AlertState.PENDING || a.state() == AlertState.FIRING) {
                rules.stream().filter(r -> r.name().equals(a.rule())).findFirst().ifPresent(r -> active.add(alertOf(r, a, now)));
            }
        }
        active.sort(Comparator.comparing(Alert::rule));
        if (all) {
            active.addAll(history);
        }
        return active;
    }

    @Override
    public List<AlertRule> rules() {
        return allRules().stream().map(r -> new AlertRule(r.name(), r.metric(), r.condition().symbol(), r.threshold(),
                r.clearThreshold(), Duration.ofMillis(r.forMillis()), Duration.ofMillis(r.keepFiringForMillis()), r.severity(),
                r.action())).toList();
    }

    @Override
    public void silence(String rule, Duration duration, boolean untilResolved) {
        if (allRules().stream().noneMatch(r -> r.name().equals(rule))) {
            throw new IllegalArgumentException("no rule '" + rule + "'; rules: "
                    + Arrays.toString(allRules().stream().map(Rule::name).toArray()));
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a silence lasts a positive time, not " + duration);
        }
        silences.put(rule, new Silence(System.currentTimeMillis() + duration.toMillis(), untilResolved));
    }
}
