package io.memtune.template.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

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
import io.memtune.api.execution.BatchItem;
import io.memtune.api.execution.TemplateExecutor;
import io.memtune.api.concurrency.ManagedExecutor;
import io.memtune.api.concurrency.Priority;
import io.memtune.api.concurrency.RejectedException;
import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateService;
import io.memtune.template.core.JsonContexts;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /render/{tenant}/{template}} with a JSON object: the rendered text, typed by the template's
 * secondary extension. {@code POST /render/{tenant}/{template}/batch} with a JSON array of objects: a JSON
 * array with, per context, {@code {"output": text}} or {@code {"error": code, "detail": message}}.
 *
 * <p>The output is rendered into a buffer before anything is sent, so a template failing half-way answers
 * 422, not a truncated 200. (Streaming to the client is the execution optimizer's job.) Renders run on the
 * managed executor {@code executor.name} (interactive class; batches on the batch class): refused work is
 * answered at once with 503, {@code Retry-After} and the reason. A body is read on the HTTP thread, before its
 * render is admitted, so the bodies in progress have a heap budget of their own ({@code bodies.heap.share}): a
 * request beyond it is answered 503 before its body is read.
 */
@Component(service = Servlet.class, configurationPid = RenderServlet.PID)
@HttpWhiteboardServletPattern("/render/*")
@Designate(ocd = RenderServlet.Config.class)
public final class RenderServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PID = "io.memtune.template.http";

    @ObjectClassDefinition(name = "memtune render endpoint", description = "POST /render/{tenant}/{template}[/batch].")
    public @interface Config {
        @AttributeDefinition(name = "Largest body (bytes)", description = "A bigger request body is answered 413.",
                min = "2", max = "1073741824")
        int render_max_body_bytes() default 1024 * 1024;

        @AttributeDefinition(name = "Deepest context", description = "The deepest JSON nesting of a batch body.",
                min = "4", max = "10000")
        int context_max_depth() default 100;

        @AttributeDefinition(name = "Executor", description = "The managed executor renders run on (interactive"
                + " class; batches on the batch class). Without it, renders run on the HTTP thread unmanaged.")
        String executor_name() default "render";

        @AttributeDefinition(name = "Heap for request bodies", description = "The share of the maximum heap (0..1)"
                + " that the bodies of requests being read, queued and rendered may take together; a request beyond it"
                + " is answered 503 with Retry-After before its body is read.", min = "0.01", max = "1")
        double bodies_heap_share() default 0.25;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(RenderServlet.class);
    private static final String BATCH = "/batch";

    private final int maxBody;
    private final transient BodyBudget bodies;
    private final transient JsonContexts batchContexts;

    /**
     * Replaced without unregistering the servlet: requests keep being answered across a swap. Optional, though
     * the servlet has nothing to render without it: a configuration change of the template service deactivates
     * it before the new one comes, and with a mandatory reference this servlet would be unregistered too, and
     * requests Jetty had already dispatched to it answered 500 by Felix HTTP (found by the soak). Meanwhile
     * requests are answered 503 with {@code Retry-After}, here.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile TemplateService templates;

    /**
     * Optional: admission control. Without the concurrency bundle (stopped, being replaced) renders run on
     * the HTTP thread with no admission control and no 503s: degraded, still answering.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ConcurrencyManager concurrency;

    private final String executorName;

    /**
     * Optional: the execution optimizer (streamed, pooled, admitted rendering). Without it, a page is rendered
     * into a string and sent in one piece, admitted by the concurrency manager when that is there.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile TemplateExecutor execution;

    private final transient InFlightRequests inFlight = new InFlightRequests();

    @Activate
    public RenderServlet(Config config) {
        this(config, BodyBudget.ofHeap(config.bodies_heap_share()));
    }

    RenderServlet(Config config, BodyBudget bodies) {
        this.bodies = bodies;
        this.maxBody = config.render_max_body_bytes();
        this.batchContexts = new JsonContexts(config.context_max_depth());
        this.executorName = config.executor_name();
    }

    /** Runs a render under the managed executor when there is one (on this thread when a worker is free), else here. */
    private <T> T managed(Priority priority, Callable<T> render) throws Exception {
        ConcurrencyManager manager = concurrency;
        Optional<ManagedExecutor> executor = manager == null ? Optional.empty() : manager.executor(executorName);
        if (executor.isEmpty()) {
            return render.call();
        }
        try {
            return executor.get().submitOrRun(priority, null, render).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws jakarta.servlet.ServletException,
            IOException {
        inFlight.enter();
        try {
            super.service(request, response);
        } finally {
            inFlight.exit();
        }
    }

    /**
     * Unregistered already (new requests go to the stand-in, 503): lets the running ones finish while this
     * bundle's services are still there, up to the longest a render may queue and run.
     */
    @Deactivate
    void drain() throws InterruptedException {
        int left = inFlight.awaitNone(DRAIN_TIMEOUT);
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
        if (!bodies.tryReserve(size)) {
            // refused before a byte of it is read (and closed, so that Jetty does not read it either)
            ErrorResponses.send(response, 503, "overloaded", "the bodies of the requests in progress take their share of"
                    + " the heap (" + bodies.capacity() + " bytes, bodies.heap.share); retry (bodies)",
                    Map.of("Retry-After", "1", "Connection", "close"));
            return;
        }
        try {
            render(request, response, tenant, template, batch);
        } finally {
            bodies.release(size);
        }
    }

    private void tooLarge(HttpServletResponse response, BoundedBody.TooLarge e) throws IOException {
        // and close: else Jetty would read the rest of the body to reuse the connection, however large it is
        ErrorResponses.send(response, 413, "body_too_large", e.getMessage(), Map.of("Connection", "close"));
    }

    private void render(HttpServletRequest request, HttpServletResponse response, String tenant, String template,
            boolean batch) throws IOException {
        InputStream body;
        try {
            body = BoundedBody.read(request, maxBody);
        } catch (BoundedBody.TooLarge e) {
            tooLarge(response, e);
            return;
        }
        TemplateService service = templates;
        if (service == null) {
            ErrorResponses.send(response, 503, "unavailable", "the template service is restarting (its configuration"
                    + " changed, or its bundle is being replaced); retry", Map.of("Retry-After", "1"));
            return;
        }
        TemplateExecutor executor = execution;
        try {
            if (executor != null && batch) {
                List<BatchItem> items = executor.renderBatch(tenant, template, body);
                List<Object> results = new ArrayList<>(items.size());
                for (BatchItem item : items) {
                    results.add(item.failure() == null ? Map.of("output", item.output()) : ErrorResponses.item(item.failure()));
                }
                response.setStatus(200);
                response.setContentType("application/json; charset=UTF-8");
                response.getOutputStream().write(JSON.writeValueAsBytes(results));
            } else if (executor != null) {
                String contentType = service.contentType(template);
                executor.render(tenant, template, body, length -> {
                    response.setStatus(200);
                    response.setContentType(contentType);
                    if (length >= 0) {
                        response.setContentLengthLong(length);
                    }
                    return response.getOutputStream();
                });
            } else if (batch) {
                List<Object> results = managed(Priority.BATCH, () -> renderBatch(service, tenant, template, body));
                response.setStatus(200);
                response.setContentType("application/json; charset=UTF-8");
                response.getOutputStream().write(JSON.writeValueAsBytes(results));
            } else {
                String out = managed(Priority.INTERACTIVE, () -> {
                    StringWriter w = new StringWriter();
                    service.renderJson(tenant, template, body, w);
                    return w.toString();
                });
                response.setStatus(200);
                response.setContentType(service.contentType(template));
                response.getOutputStream().write(out.getBytes(StandardCharsets.UTF_8));
            }
        } catch (TemplateException e) {
            ErrorResponses.send(response, e);
        } catch (RejectedException e) {
            ErrorResponses.send(response, 503, "overloaded", e.getMessage() + " (" + e.reason().name().toLowerCase() + ")",
                    Map.of("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ErrorResponses.send(response, 503, "overloaded", "the render was interrupted (the server is stopping)");
        } catch (Exception e) {
            getServletContext().log("rendering " + tenant + "/" + template + " failed", e);
            ErrorResponses.send(response, 500, "internal_error", "rendering failed unexpectedly: " + e);
        }
    }

    private List<Object> renderBatch(TemplateService service, String tenant, String template, InputStream body) {
        List<Map<String, Object>> contexts = batchContexts.readArrayOfObjects(body);
        List<Object> results = new ArrayList<>(contexts.size());
        for (Map<String, Object> context : contexts) {
            StringWriter out = new StringWriter();
            try {
                service.render(tenant, template, context, out);
                results.add(Map.of("output", out.toString()));
            } catch (TemplateException e) {
                if (e.kind() == TemplateException.Kind.NOT_FOUND && e.line() == 0) {
                    throw e; // the template itself is missing: the whole request is wrong
                }
                results.add(ErrorResponses.item(e));
            }
        }
        return results;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "POST");
        ErrorResponses.send(response, 405, "method_not_allowed", "render with POST and a JSON body");
    }
}
