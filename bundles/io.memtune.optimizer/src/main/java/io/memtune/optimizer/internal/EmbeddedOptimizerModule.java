package io.memtune.optimizer.internal;

import java.util.Set;

import io.memtune.api.embedded.EmbeddedContext;
import io.memtune.api.embedded.EmbeddedModule;
import io.memtune.api.optimizer.OptimizationPass;
import io.memtune.api.optimizer.Optimizer;
import io.memtune.api.template.TemplateEngine;
import io.memtune.api.tuner.TuningRule;

/**
 * The optimizer outside OSGi: the same core (settings, pass pipeline, compact engine) as in the container, its
 * engine registered at ranking 100 so that the template service renders through it, plain Mustache.java as the
 * fallback for what the compact form does not take, and every {@link OptimizationPass} the class path's
 * {@code META-INF/services} names joining the pipeline (third-party plugins, isolated as in the container).
 */
public final class EmbeddedOptimizerModule implements EmbeddedModule {

    @Override
    public String name() {
        return "optimizer";
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(TemplateEngine.class, Optimizer.class, TuningRule.class);
    }

    @Override
    public Set<Class<?>> uses() {
        return Set.of(TemplateEngine.class, OptimizationPass.class);
    }

    @Override
    public void start(EmbeddedContext context) {
        TemplateEngine fallback = context.services(TemplateEngine.class).stream()
                .filter(e -> e.getClass().getName().equals(OptimizerCore.MUSTACHE_JAVA_CLASS)).findFirst().orElse(null);
        OptimizerCore core = new OptimizerCore(context.configuration(OptimizerCore.PID, OptimizerCore.Config.class), fallback);
        context.onStop(core::stop);
        for (OptimizationPass pass : context.services(OptimizationPass.class)) {
            core.addPlugin(pass, "class path (ServiceLoader)");
        }
        context.register(Optimizer.class, new OptimizerComponent(core));
        context.register(TuningRule.class, new OptimizerHints(core));
        context.register(TemplateEngine.class, new OptimizerEngineComponent(core), 100);
    }
}
