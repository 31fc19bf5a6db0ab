package io.memtune.http.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

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
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.memtune.api.concurrency.ConcurrencyManager;
import io.memtune.api.concurrency.InFlight;
import io.memtune.api.concurrency.ManagedExecutor;
import io.memtune.api.concurrency.Priority;
import io.memtune.api.concurrency.RejectedException;
import io.memtune.api.execution.BatchItem;
import io.memtune.api.execution.TemplateExecutor;
import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateService;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /render/{tenant}/{template}} with a JSON object: the rendered text, typed by the template's
 * secondary extension. {@code POST /render/{tenant}/{template}/batch} with a JSON array of objects: a JSON
 * array with, per context, {@code {"output": text}} or {@code {"error": code, "detail": message}}.
 *
 * <p>The front of the request path, which runs one way: this endpoint, then the execution optimizer
 * ({@link TemplateExecutor}: admission, pooled held-back buffers, streaming, parallel batches), then the
 * {@link TemplateService}, then its engine. Without the execution bundle, a page is rendered into a string here,
 * admitted by the managed executor {@code executor.name} when the concurrency bundle is there (on this thread
 * otherwise): degraded, still answering.
 *
 * <p>Bundles behind it can be updated under load without a failed request: while the template service is away
 * a request waits for its replacement (at most {@code unavailable.wait.ms}, at most {@code unavailable.waiters}
 * requests at once; then 503 with {@code Retry-After}); a service that answers it is stopping before it rendered
 * anything is asked again on its replacement, or without the execution optimizer when that is the one stopping.
 * A body is read on the HTTP thread before its render is admitted, so the bodies in progress have a heap budget of
 * their own ({@code bodies.heap.share}): a request beyond it is answered 503 before its body is read.
 */
@Component(service = Servlet.class, configurationPid = RenderServlet.PID)
@HttpWhiteboardServletPattern("/render/*")
@Designate(ocd = RenderServlet.Config.class)
public final class RenderServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PID = "io.memtune.http.render";

    @ObjectClassDefinition(name = "memtune render endpoint", description = "POST /render/{tenant}/{template}[/batch].")
    public @interface Config {
        @AttributeDefinition(name = "Largest body (bytes)", description = "A bigger request body is answered 413.",
                min = "2", max = "1073741824")
        int render_max_body_bytes() default 1024 * 1024;

        @AttributeDefinition(name = "Deepest context", description = "The deepest JSON nesting of a batch body"
                + " rendered without the execution optimizer.", min = "4", max = "10000")
        int context_max_depth() default 100;

        @AttributeDefinition(name = "Executor", description = "Without the execution optimizer: the managed executor"
                + " renders run on (interactive class; batches on the batch class). Without it either, renders run on the"
                + " HTTP thread unmanaged.")
        String executor_name() default "render";

        @AttributeDefinition(name = "Heap for request bodies", description = "The share of the maximum heap (0..1)"
                + " that the bodies of requests being read, queued and rendered may take together; a request beyond it"
                + " is answered 503 with Retry-After before its body is read.", min = "0.01", max = "1")
        double bodies_heap_share() default 0.25;

        @AttributeDefinition(name = "Wait for the template service (ms)", description = "How long a request waits for"
                + " the template service while it is away (its bundle updated, its configuration changed) before it is"
                + " answered 503 with Retry-After.", min = "0", max = "60000")
        long unavailable_wait_ms() default 5000;

        @AttributeDefinition(name = "Requests waiting at most", description = "How many requests may wait for the"
                + " template service at once (each holds an HTTP thread); more are answered 503 at once.", min = "0")
        int unavailable_waiters() default 128;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(RenderServlet.class);
    private static final String BATCH = "/batch";

    private final int maxBody;
    private final long waitNanos;
    private final transient BodyBudget bodies;
    private final transient BatchBodies batchBodies;
    private final String executorName;
    private final transient AwaitedService<TemplateService> templates;
    private final transient InFlight inFlight = new InFlight();

    /**
     * Optional: admission control when the execution optimizer is away. Without the concurrency bundle either
     * (stopped, being replaced) renders run on the HTTP thread with no admission control and no 503s.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ConcurrencyManager concurrency;

    /**
     * Optional: the execution optimizer (streamed, pooled, admitted rendering). Without it, a page is rendered
     * into a string and sent in one piece, admitted by the concurrency manager when that is there.
     */
    private transient volatile TemplateExecutor execution;

    @Activate
    public RenderServlet(Config config) {
        this(config, BodyBudget.ofHeap(config.bodies_heap_share()));
    }

    RenderServlet(Config config, BodyBudget bodies) {
        this.bodies = bodies;
        this.maxBody = config.render_max_body_bytes();
        this.waitNanos = TimeUnit.MILLISECONDS.toNanos(config.unavailable_wait_ms());
        this.batchBodies = new BatchBodies(config.context_max_depth());
        this.executorName = config.executor_name();
        this.templates = new AwaitedService<>(config.unavailable_waiters());
    }

    /**
     * Optional, though there is nothing to render without it: replaced without unregistering this servlet, so that
     * requests keep being answered across an update of the template bundle (they wait for the new service).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindTemplates")
    void bindTemplates(TemplateService service) {
        templates.bind(service);
    }

    void unbindTemplates(TemplateService service) {
        templates.unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindExecution")
    void bindExecution(TemplateExecutor executor) {
        execution = executor;
    }

    void unbindExecution(TemplateExecutor executor) {
        if (execution == executor) {
            execution = null;
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws jakarta.servlet.ServletException,
            IOException {
        if (!inFlight.enter()) {
            ErrorResponses.send(response, 503, "unavailable", "the render endpoint is stopping; retry",
                    BoundedBody.discardSmall(request) ? Map.of("Retry-After", "1")
                            : Map.of("Retry-After", "1", "Connection", "close"));
            return;
        }
        try {
            super.service(request, response);
        } finally {
            inFlight.exit();
        }
    }

    /**
     * Unregistered already (new requests are not routed here): lets the running ones finish while this bundle's
     * classes and services are still there, up to the longest a render may queue and run.
     */
    @Deactivate
    void drain() throws InterruptedException {
        inFlight.stop();
        long left = inFlight.awaitNone(DRAIN_TIMEOUT);
        if (left > 0) {
            LOG.warn("{} render request(s) still running after {} s; they are cut off", left, DRAIN_TIMEOUT.toSeconds());
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        boolean batch = path != null && path.endsWith(BATCH);
        String address = path == null ? "" : batch ? path.substring(0, path.length() - BATCH.length()) : path;
        int slash = address.indexOf('/', 1);
        if (!address.startsWith("/") || slash < 0 || slash == address.length() - 1) {
            ErrorResponses.send(response, 404, "not_found", "expected POST /render/{tenant}/{template}[/batch], got "
                    + request.getRequestURI());
            return;
        }
        String tenant = address.substring(1, slash);
        String template = address.substring(slash + 1);
        long size;
        try {
            size = BoundedBody.size(request, maxBody);
        } catch (BoundedBody.TooLarge e) {
            tooLarge(response, e);
            return;
        }
        TemplateExecutor executor = execution;
        RejectedException refusal = executor == null ? null : executor.refusalNow(batch);
        if (refusal != null) {
            // overloaded: answered before the body is read or a byte of JSON parsed, the least a refusal can cost
            overloaded(response, refusal, BoundedBody.discardSmall(request));
            return;
        }
        if (!bodies.tryReserve(size)) {
            // refused before a byte of it is read (and closed, so that Jetty does not read it either)
            ErrorResponses.send(response, 503, "overloaded", "the bodies of the requests in progress take their share of"
                    + " the heap (" + bodies.capacity() + " bytes, bodies.heap.share); retry (bodies)",
                    Map.of("Retry-After", "1", "Connection", "close"));
            return;
        }
        try {
            byte[] body = BoundedBody.read(request, maxBody);
            render(response, tenant, template, batch, body);
        } catch (BoundedBody.TooLarge e) {
            tooLarge(response, e);
        } finally {
            bodies.release(size);
        }
    }

    private static void overloaded(HttpServletResponse response, RejectedException e, boolean keepConnection)
            throws IOException {
        String retryAfter = Long.toString(Math.max(1, e.retryAfter().toSeconds()));
        ErrorResponses.send(response, 503, "overloaded", e.getMessage() + " (" + e.reason().name().toLowerCase() + ")",
                keepConnection ? Map.of("Retry-After", retryAfter) : Map.of("Retry-After", retryAfter, "Connection", "close"));
    }

    private static void tooLarge(HttpServletResponse response, BoundedBody.TooLarge e) throws IOException {
        // and close: else Jetty would read the rest of the body to reuse the connection, however large it is
        ErrorResponses.send(response, 413, "body_too_large", e.getMessage(), Map.of("Connection", "close"));
    }

    /**
     * Renders with the services there now; asks again, before anything was sent, where one of them answered that it
     * is stopping: the template service's replacement (waited for), or the template service directly when the
     * execution optimizer is the one stopping.
     */
    private void render(HttpServletResponse response, String tenant, String template, boolean batch, byte[] body)
            throws IOException {
        long deadline = System.nanoTime() + waitNanos;
        TemplateService stale = null;
        TemplateExecutor staleExecutor = null;
        while (true) {
            TemplateService service;
            try {
                service = templates.await(stale, deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ErrorResponses.send(response, 503, "unavailable", "interrupted while waiting for the template service"
                        + " (the server is stopping); retry", Map.of("Retry-After", "1"));
                return;
            }
            if (service == null) {
                ErrorResponses.send(response, 503, "unavailable", "the template service is restarting (its bundle is"
                        + " being replaced or its configuration changed) and did not come back within "
                        + TimeUnit.NANOSECONDS.toMillis(waitNanos) + " ms (unavailable.wait.ms), or too many requests"
                        + " wait for it; retry", Map.of("Retry-After", "1"));
                return;
            }
            TemplateExecutor executor = execution;
            if (executor == staleExecutor) {
                executor = null;
            }
            try {
                if (executor != null) {
                    renderExecuted(executor, service, response, tenant, template, batch, body);
                } else {
                    renderHere(service, response, tenant, template, batch, body);
                }
                return;
            } catch (TemplateException e) {
                if (e.kind() == TemplateException.Kind.UNAVAILABLE && !response.isCommitted()) {
                    if (executor != null) {
                        staleExecutor = executor;
                    } else {
                        stale = service;
                    }
                    continue;
                }
                ErrorResponses.send(response, e);
            } catch (RejectedException e) {
                if (e.reason() == RejectedException.Reason.SHUTDOWN && executor != null && !response.isCommitted()) {
                    staleExecutor = executor;
                    continue;
                }
                overloaded(response, e, true); // the body is read: the connection stays usable
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ErrorResponses.send(response, 503, "overloaded", "the render was interrupted (the server is stopping)");
            } catch (IOException e) {
                throw e; // the client went away: nothing to answer
            } catch (Exception e) {
                getServletContext().log("rendering " + tenant + "/" + template + " failed", e);
                ErrorResponses.send(response, 500, "internal_error", "rendering failed unexpectedly: " + e);
            }
            return;
        }
    }

    /** Through the execution optimizer: admitted, held back in a pooled buffer, streamed when large. */
    private static void renderExecuted(TemplateExecutor executor, TemplateService service, HttpServletResponse response,
            String tenant, String template, boolean batch, byte[] body) throws IOException {
        if (batch) {
            List<BatchItem> items = executor.renderBatch(tenant, template, new ByteArrayInputStream(body));
            List<Object> results = new ArrayList<>(items.size());
            for (BatchItem item : items) {
                results.add(item.failure() == null ? Map.of("output", item.output()) : ErrorResponses.item(item.failure()));
            }
            sendJson(response, results);
            return;
        }
        String contentType = service.contentType(template);
        executor.render(tenant, template, new ByteArrayInputStream(body), length -> {
            response.setStatus(200);
            response.setContentType(contentType);
            if (length >= 0) {
                response.setContentLengthLong(length);
            }
            return response.getOutputStream();
        });
    }

    /** Without the execution optimizer: the whole page into a string, admitted when the concurrency bundle is there. */
    private void renderHere(TemplateService service, HttpServletResponse response, String tenant, String template,
            boolean batch, byte[] body) throws Exception {
        if (batch) {
            sendJson(response, managed(Priority.BATCH, () -> renderBatch(service, tenant, template, body)));
            return;
        }
        String out = managed(Priority.INTERACTIVE, () -> {
            StringWriter w = new StringWriter();
            service.renderJson(tenant, template, new ByteArrayInputStream(body), w);
            return w.toString();
        });
        response.setStatus(200);
        response.setContentType(service.contentType(template));
        response.getOutputStream().write(out.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Runs a render under the managed executor when there is one (on this thread when a worker is free), else here;
     * here too when that executor is stopping (its bundle being updated): that is a gap, not overload.
     */
    private <T> T managed(Priority priority, Callable<T> render) throws Exception {
        ConcurrencyManager manager = concurrency;
        Optional<ManagedExecutor> executor = manager == null ? Optional.empty() : manager.executor(executorName);
        if (executor.isEmpty()) {
            return render.call();
        }
        try {
            return executor.get().submitOrRun(priority, null, render).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RejectedException rejected && rejected.reason() == RejectedException.Reason.SHUTDOWN) {
                return render.call();
            }
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    private List<Object> renderBatch(TemplateService service, String tenant, String template, byte[] body) {
        List<Map<String, Object>> contexts = batchBodies.read(body);
        List<Object> results = new ArrayList<>(contexts.size());
        for (Map<String, Object> context : contexts) {
            StringWriter out = new StringWriter();
            try {
                service.render(tenant, template, context, out);
                results.add(Map.of("output", out.toString()));
            } catch (TemplateException e) {
                if (e.kind() == TemplateException.Kind.UNAVAILABLE
                        || e.kind() == TemplateException.Kind.NOT_FOUND && e.line() == 0) {
                    throw e; // the service is stopping, or the template itself is missing: about the whole request
                }
                results.add(ErrorResponses.item(e));
            }
        }
        return results;
    }

    private static void sendJson(HttpServletResponse response, Object value) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json; charset=UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(value));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "POST");
        ErrorResponses.send(response, 405, "method_not_allowed", "render with POST and a JSON body");
    }
}
