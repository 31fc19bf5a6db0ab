package io.memtune.execution.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;

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

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.memtune.api.concurrency.ConcurrencyManager;
import io.memtune.api.concurrency.InFlight;
import io.memtune.api.concurrency.ManagedExecutor;
import io.memtune.api.concurrency.Priority;
import io.memtune.api.concurrency.RejectedException;
import io.memtune.api.execution.BatchItem;
import io.memtune.api.execution.ExecutionStatistics;
import io.memtune.api.execution.ResponseSink;
import io.memtune.api.execution.TemplateExecutor;
import io.memtune.api.pool.BufferPool;
import io.memtune.api.pool.Lease;
import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateService;
import io.memtune.execution.core.HeldBackWriter;

/**
 * The execution optimizer. Renders run on the managed executor (interactive class; batch items each on the
 * batch class, so a batch cannot starve interactive requests and its items run in parallel), through a
 * held-back buffer from the buffer pool. Without the concurrency bundle it renders on the caller's thread,
 * without admission; without the pool bundle it allocates its buffer per render: degraded, still answering.
 */
@Component(service = TemplateExecutor.class, configurationPid = TemplateExecutorComponent.PID)
@Designate(ocd = TemplateExecutorComponent.Config.class)
public final class TemplateExecutorComponent implements TemplateExecutor {

    static final String PID = "io.memtune.execution";

    @ObjectClassDefinition(name = "memtune execution optimizer", description = "Streaming, pooled, admitted rendering.")
    public @interface Config {
        @AttributeDefinition(name = "Held-back buffer (characters)", description = "A page up to this size is sent"
                + " in one piece with its length; a larger one is streamed through the same buffer.", min = "256")
        int buffer_chars() default 16 * 1024;

        @AttributeDefinition(name = "Executor", description = "The managed executor renders run on.")
        String executor_name() default "render";

        @AttributeDefinition(name = "Deepest batch context", description = "JSON nesting allowed in a batch body.",
                min = "4", max = "10000")
        int context_max_depth() default 100;
    }

    private static final Logger LOG = LoggerFactory.getLogger(TemplateExecutorComponent.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final int bufferChars;
    private final String executorName;
    private final ObjectMapper json;
    private final LongAdder renders = new LongAdder();
    private final LongAdder streamed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder batchItems = new LongAdder();
    /** Renders and batches in progress: deactivation lets them finish (they need this bundle's classes). */
    private final InFlight inFlight = new InFlight();

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile TemplateService templates; // package-private, as the next two: the embedded module binds them

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConcurrencyManager concurrency;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BufferPool buffers;

    @Activate
    public TemplateExecutorComponent(Config config) {
        this.bufferChars = config.buffer_chars();
        this.executorName = config.executor_name();
        this.json = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(config.context_max_depth()).build())
                .build());
    }

    /**
     * Stopping (the bundle updated, the template service gone): new renders are refused as {@code SHUTDOWN} (the
     * endpoint renders them without this optimizer meanwhile); the running ones finish first.
     */
    @Deactivate
    void stop() throws InterruptedException {
        inFlight.stop();
        long left = inFlight.awaitNone(DRAIN_TIMEOUT);
        if (left > 0) {
            LOG.warn("{} render(s) still running after {} s; they are cut off", left, DRAIN_TIMEOUT.toSeconds());
        }
    }

    /** The template service, when this optimizer is not stopping; else refused as {@code SHUTDOWN}. */
    private TemplateService enter() {
        TemplateService service = templates;
        if (service == null || !inFlight.enter()) {
            throw new RejectedException("execution", RejectedException.Reason.SHUTDOWN, Duration.ofSeconds(1),
                    "the execution optimizer is stopping (its bundle is being updated, or its template service left)");
        }
        return service;
    }

    @Override
    public void render(String tenant, String template, InputStream body, ResponseSink sink) throws IOException {
        TemplateService service = enter();
        try {
            render(service, tenant, template, body, sink);
        } finally {
            inFlight.exit();
        }
    }

    private void render(TemplateService service, String tenant, String template, InputStream body, ResponseSink sink)
            throws IOException {
        managed(Priority.INTERACTIVE, () -> {
            BufferPool pool = buffers;
            try (Lease<char[]> chars = pool == null ? null : pool.chars(bufferChars);
                    Lease<byte[]> encoded = pool == null ? null : pool.bytes(chars.get().length * 3)) {
                char[] c = chars == null ? new char[bufferChars] : chars.get();
                byte[] b = encoded == null ? new byte[bufferChars * 3] : encoded.get();
                HeldBackWriter out = new HeldBackWriter(c, b, sink);
                try {
                    service.renderJson(tenant, template, body, out);
                    out.finish();
                } catch (RuntimeException | IOException e) {
                    failed.increment();
                    throw e;
                } finally {
                    renders.increment();
                    bytes.add(out.sent());
                    if (out.streamed()) {
                        streamed.increment();
                    }
                }
            }
            return null;
        });
    }

    @Override
    public List<BatchItem> renderBatch(String tenant, String template, InputStream body) {
        TemplateService service = enter();
        try {
            return renderBatch(service, tenant, template, body);
        } finally {
            inFlight.exit();
        }
    }

    private List<BatchItem> renderBatch(TemplateService service, String tenant, String template, InputStream body) {
        List<Object> items;
        try {
            // parsed as admitted work of the batch class, not on the caller's thread: a megabyte of JSON becomes
            // several of maps, and requests parsing at once before admission ran the heap out whatever the
            // memory line said (MemoryPressureIT); the parse ends before its items are submitted, so no task
            // waits on another
            items = managed(Priority.BATCH, () -> parseBatch(tenant, template, body));
        } catch (IOException interrupted) { // parseBatch turns its own into TemplateExceptions
            throw new TemplateException(TemplateException.Kind.RENDER_ERROR, tenant, template,
                    "interrupted (the server is stopping)");
        }
        List<CompletableFuture<BatchItem>> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            int index = i;
            results.add(submit(Priority.BATCH, () -> item(service, tenant, template, index, item), false));
        }
        List<BatchItem> out = new ArrayList<>(results.size());
        for (CompletableFuture<BatchItem> r : results) {
            try {
                out.add(r.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TemplateException t) {
                    throw t; // the template itself is missing: the whole request is wrong
                }
                if (e.getCause() instanceof RejectedException rejected) {
                    results.forEach(f -> f.cancel(false));
                    throw rejected; // overloaded: the whole batch is answered 503, to be retried
                }
                out.add(new BatchItem(null, new TemplateException(TemplateException.Kind.RENDER_ERROR, tenant, template, 0, 0,
                        "batch item " + out.size() + " failed: " + e.getCause(), e.getCause())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.add(new BatchItem(null, new TemplateException(TemplateException.Kind.RENDER_ERROR, tenant, template,
                        "interrupted (the server is stopping)")));
            }
        }
        batchItems.add(out.size());
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<Object> parseBatch(String tenant, String template, InputStream body) {
        try {
            Object parsed = json.readValue(body, Object.class);
            if (!(parsed instanceof List)) {
                throw new TemplateException(TemplateException.Kind.BAD_CONTEXT, tenant, template,
                        "a batch must be a JSON array of objects");
            }
            return (List<Object>) parsed;
        } catch (JsonProcessingException e) {
            throw new TemplateException(TemplateException.Kind.BAD_CONTEXT, tenant, template, 0, 0,
                    "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new TemplateException(TemplateException.Kind.BAD_CONTEXT, tenant, template, 0, 0,
                    "cannot read the batch: " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static BatchItem item(TemplateService service, String tenant, String template, int index, Object item) {
        if (!(item instanceof Map)) {
            return new BatchItem(null, new TemplateException(TemplateException.Kind.BAD_CONTEXT, tenant, template,
                    "batch item " + index + " must be a JSON object"));
        }
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            service.render(tenant, template, (Map<String, Object>) item, out);
            return new BatchItem(out.toString(), null);
        } catch (TemplateException e) {
            if (e.kind() == TemplateException.Kind.NOT_FOUND && e.line() == 0) {
                throw e;
            }
            return new BatchItem(null, e);
        }
    }

    /**
     * Under the managed executor when there is one (on this thread when a worker would start it at once: this thread
     * waits for it anyway), else here; the task's own exception comes out as it is.
     */
    private <T> T managed(Priority priority, Callable<T> task) throws IOException {
        CompletableFuture<T> future = submit(priority, task, true);
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            // the request is being abandoned (the server stops): a render not started yet never starts; one
            // running finishes into its own pooled buffers, and its writes to the gone response fail there
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private <T> CompletableFuture<T> submit(Priority priority, Callable<T> task, boolean callerWaits) {
        ConcurrencyManager manager = concurrency;
        Optional<ManagedExecutor> executor = manager == null ? Optional.empty() : manager.executor(executorName);
        if (executor.isPresent()) {
            CompletableFuture<T> submitted = callerWaits ? executor.get().submitOrRun(priority, null, task)
                    : executor.get().submit(priority, null, task);
            if (!RejectedException.refusedAsStopping(submitted)) {
                return submitted;
            }
            // the executor is going away (its bundle is being updated, its configuration removed) and its manager
            // not yet: a swap, not overload, so the render runs here, as it does with no executor at all
        }
        CompletableFuture<T> here = new CompletableFuture<>();
        try {
            here.complete(task.call());
        } catch (Exception e) {
            here.completeExceptionally(e);
        }
        return here;
    }

    @Override
    public ExecutionStatistics statistics() {
        return new ExecutionStatistics(renders.sum(), streamed.sum(), failed.sum(), bytes.sum(), batchItems.sum(), bufferChars);
    }
}
