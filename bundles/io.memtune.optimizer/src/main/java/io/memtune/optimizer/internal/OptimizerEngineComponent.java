package io.memtune.optimizer.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.memtune.api.template.CompiledTemplate;
import io.memtune.api.template.TemplateEngine;
import io.memtune.api.template.TemplateSource;

/**
 * The optimizer's engine, ranked above the template bundle's own: the template service takes it while this
 * bundle runs, and goes back to plain Mustache.java when it stops.
 */
@Component(service = TemplateEngine.class, property = "service.ranking:Integer=100")
public final class OptimizerEngineComponent implements TemplateEngine {

    private final TemplateEngine engine;

    @Activate
    public OptimizerEngineComponent(@Reference OptimizerCore core) {
        this.engine = core.engine();
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public CompiledTemplate compile(TemplateSource source) {
        return engine.compile(source);
    }
}
