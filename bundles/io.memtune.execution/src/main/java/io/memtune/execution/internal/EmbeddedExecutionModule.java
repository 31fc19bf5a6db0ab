package io.memtune.execution.internal;

import java.util.Set;

import io.memtune.api.concurrency.ConcurrencyManager;
import io.memtune.api.embedded.EmbeddedContext;
import io.memtune.api.embedded.EmbeddedModule;
import io.memtune.api.execution.TemplateExecutor;
import io.memtune.api.pool.BufferPool;
import io.memtune.api.template.TemplateService;

/**
 * The execution optimizer outside OSGi: admission on the managed executor, held-back pooled buffers, batches;
 * the same class as in the container, with the same degraded behaviour when the concurrency or pool module is
 * not on the class path (renders on the caller's thread, allocates its buffers).
 */
public final class EmbeddedExecutionModule implements EmbeddedModule {

    @Override
    public String name() {
        return "execution";
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(TemplateExecutor.class);
    }

    @Override
    public Set<Class<?>> requires() {
        return Set.of(TemplateService.class);
    }

    @Override
    public Set<Class<?>> uses() {
        return Set.of(ConcurrencyManager.class, BufferPool.class);
    }

    @Override
    public void start(EmbeddedContext context) {
        TemplateExecutorComponent executor = new TemplateExecutorComponent(
                context.configuration(TemplateExecutorComponent.PID, TemplateExecutorComponent.Config.class));
        executor.templates = context.service(TemplateService.class);
        executor.concurrency = context.optional(ConcurrencyManager.class).orElse(null);
        executor.buffers = context.optional(BufferPool.class).orElse(null);
        context.register(TemplateExecutor.class, executor);
    }
}
