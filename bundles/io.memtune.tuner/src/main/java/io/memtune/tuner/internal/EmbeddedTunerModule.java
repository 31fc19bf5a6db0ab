package io.memtune.tuner.internal;

import java.util.Set;

import com.codahale.metrics.MetricRegistry;

import io.memtune.api.concurrency.ConcurrencyManager;
import io.memtune.api.embedded.EmbeddedContext;
import io.memtune.api.embedded.EmbeddedModule;
import io.memtune.api.pool.PoolManager;
import io.memtune.api.template.TemplateService;
import io.memtune.api.tuner.Tuner;
import io.memtune.api.tuner.TuningRule;

/**
 * The tuner outside OSGi: the same rules (built-in, other modules', and third-party ones the class path's
 * {@code META-INF/services} names) over the same measurements. It recommends; applying needs Config Admin, so in
 * embedded mode a recommendation goes into the environment file (or the application's own settings) by hand.
 */
public final class EmbeddedTunerModule implements EmbeddedModule {

    /** The built-in rules about Felix HTTP's Jetty: the embedding application serves HTTP its own way, if at all. */
    static final Set<String> NO_HTTP_SERVER = Set.of("jetty-threads", "response-buffer");

    @Override
    public String name() {
        return "tuner";
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(Tuner.class);
    }

    @Override
    public Set<Class<?>> uses() {
        return Set.of(MetricRegistry.class, ConcurrencyManager.class, PoolManager.class, TemplateService.class,
                TuningRule.class);
    }

    @Override
    public void start(EmbeddedContext context) {
        TunerComponent tuner = new TunerComponent(context.configuration(TunerComponent.PID, TunerComponent.Config.class),
                context::property, (setting, value) -> {
                    throw new UnsupportedOperationException("cannot apply " + setting + " = " + value
                            + ": applying needs Config Admin (the container); in embedded mode put it in the environment file");
                }, NO_HTTP_SERVER);
        context.onStop(tuner::stop);
        tuner.registry = context.optional(MetricRegistry.class).orElse(null);
        tuner.concurrency = context.optional(ConcurrencyManager.class).orElse(null);
        tuner.pools = context.optional(PoolManager.class).orElse(null);
        tuner.templates = context.optional(TemplateService.class).orElse(null);
        tuner.thirdPartyRules.addAll(context.services(TuningRule.class));
        context.register(Tuner.class, tuner);
    }
}
