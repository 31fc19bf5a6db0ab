package io.memtune.template.internal;

import java.util.Set;

import io.memtune.api.embedded.EmbeddedContext;
import io.memtune.api.embedded.EmbeddedModule;
import io.memtune.api.template.TemplateEngine;
import io.memtune.template.core.MustacheJavaEngine;

/**
 * The template bundle's own engine (plain Mustache.java) outside OSGi, at ranking 0 as in the container: the
 * baseline, and what an optimizer engine hands over what it does not take. A module of its own so that the
 * optimizer can start between it and the template service.
 */
public final class EmbeddedEngineModule implements EmbeddedModule {

    @Override
    public String name() {
        return "template-engine";
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(TemplateEngine.class);
    }

    @Override
    public void start(EmbeddedContext context) {
        context.register(TemplateEngine.class, new MustacheJavaEngine(), 0);
    }
}
