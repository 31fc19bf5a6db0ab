package io.memtune.template.internal;

import java.util.Set;

import com.codahale.metrics.MetricRegistry;

import io.memtune.api.embedded.EmbeddedContext;
import io.memtune.api.embedded.EmbeddedModule;
import io.memtune.api.template.TemplateEngine;
import io.memtune.api.template.TemplateService;

/**
 * The template service outside OSGi: the same repository, watcher, tiered cache and renderer as in the container,
 * rendering through the engine of the highest ranking (the optimizer's when its module is on the class path, else
 * plain Mustache.java). No HTTP endpoints: the embedding application calls {@link TemplateService} directly.
 */
public final class EmbeddedTemplateModule implements EmbeddedModule {

    @Override
    public String name() {
        return "template";
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(TemplateService.class);
    }

    @Override
    public Set<Class<?>> requires() {
        return Set.of(TemplateEngine.class);
    }

    @Override
    public Set<Class<?>> uses() {
        return Set.of(MetricRegistry.class);
    }

    @Override
    public void start(EmbeddedContext context) throws Exception {
        TemplateServiceComponent templates = new TemplateServiceComponent(
                context.configuration(TemplateServiceComponent.PID, TemplateServiceComponent.Config.class),
                context::property, name -> context.dataDirectory("template").resolve(name));
        context.onStop(templates::stop);
        templates.bindEngine(context.service(TemplateEngine.class));
        context.optional(MetricRegistry.class).ifPresent(registry -> {
            templates.bindMetrics(registry);
            TenantMetricsComponent perTenant = new TenantMetricsComponent(registry,
                    context.configuration(TenantMetricsComponent.PID, TenantMetricsComponent.Config.class));
            templates.bindTenantMetrics(perTenant);
            context.onStop(() -> {
                templates.unbindTenantMetrics(perTenant);
                perTenant.stop();
                templates.unbindMetrics(registry);
            });
        });
        context.register(TemplateService.class, templates);
    }
}
