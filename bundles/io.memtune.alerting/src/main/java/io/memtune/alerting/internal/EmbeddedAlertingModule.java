package io.memtune.alerting.internal;

import java.util.Set;

import com.codahale.metrics.MetricRegistry;

import io.memtune.api.alert.AlertService;
import io.memtune.api.alert.AlertSink;
import io.memtune.api.embedded.EmbeddedContext;
import io.memtune.api.embedded.EmbeddedModule;
import io.memtune.api.pool.PoolManager;
import io.memtune.api.profiler.MemoryProfiler;
import io.memtune.api.template.TemplateService;

/**
 * Alerting outside OSGi: the same rule sets, states, silences and actions over the same registry; configured
 * rules, webhook and Alertmanager sinks from the environment file, and sinks the class path's
 * {@code META-INF/services} names (third-party ones). Without a metric registry it evaluates nothing, as in the
 * container.
 */
public final class EmbeddedAlertingModule implements EmbeddedModule {

    @Override
    public String name() {
        return "alerting";
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(AlertService.class);
    }

    @Override
    public Set<Class<?>> uses() {
        return Set.of(MetricRegistry.class, MemoryProfiler.class, TemplateService.class, PoolManager.class, AlertSink.class);
    }

    @Override
    public void start(EmbeddedContext context) throws Exception {
        AlertServiceComponent alerts = new AlertServiceComponent(
                context.configuration(AlertServiceComponent.PID, AlertServiceComponent.Config.class), context::property);
        context.onStop(alerts::stop);
        context.factoryConfigurations(AlertRuleConfig.FACTORY_PID, AlertRuleConfig.Config.class).values()
                .forEach(c -> alerts.configuredRules.add(new AlertRuleConfig(c)));
        context.factoryConfigurations(WebhookSink.FACTORY_PID, WebhookSink.Config.class).values()
                .forEach(c -> alerts.sinks.add(new WebhookSink(c)));
        context.factoryConfigurations(AlertmanagerSink.FACTORY_PID, AlertmanagerSink.Config.class).values()
                .forEach(c -> alerts.sinks.add(new AlertmanagerSink(c)));
        alerts.sinks.addAll(context.services(AlertSink.class));
        alerts.profiler = context.optional(MemoryProfiler.class).orElse(null);
        alerts.templates = context.optional(TemplateService.class).orElse(null);
        alerts.pools = context.optional(PoolManager.class).orElse(null);
        alerts.registry = context.optional(MetricRegistry.class).orElse(null); // last: it starts the evaluation
        context.register(AlertService.class, alerts);
    }
}
