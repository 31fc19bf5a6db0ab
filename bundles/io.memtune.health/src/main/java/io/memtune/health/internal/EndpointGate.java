package io.memtune.health.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.RequestInfoDTO;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.servlet.whiteboard.Preprocessor;

import io.memtune.health.core.Endpoints;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Holds a request for an endpoint whose bundle is being updated until the endpoint is back: the whiteboard has no
 * servlet for the path in that moment and would answer 404, or, for a request routed to the servlet just before it
 * left, Felix HTTP answers 500 "Servlet has been unregistered". A preprocessor runs before the whiteboard picks the
 * servlet, so the held request is routed to the new one. Only patterns memtune's bundles served before are held
 * (a path nobody serves is 404 at once), at most {@code wait.ms} and {@code waiters} requests at once.
 *
 * <p>It is a lifecycle guard, like the drain, which is why it lives here and not in the bundle whose endpoint it
 * holds: that one is the bundle being replaced.
 */
@Component(service = Preprocessor.class, configurationPid = EndpointGate.PID)
@Designate(ocd = EndpointGate.Config.class)
public final class EndpointGate implements Preprocessor {

    static final String PID = "io.memtune.health.gate";
    /** Felix HTTP's message (ServletHandler.handle) for a request routed to a servlet unregistered since. */
    static final String UNREGISTERED = "Servlet has been unregistered";
    /** How long after a registration requests for it check that the whiteboard routes them. */
    private static final long SETTLING_NANOS = TimeUnit.SECONDS.toNanos(2);

    @ObjectClassDefinition(name = "memtune endpoint gate", description = "Holds requests for an endpoint whose bundle"
            + " is being updated until it is back.")
    public @interface Config {
        @AttributeDefinition(name = "Longest hold (ms)", description = "After it, the request goes on (and is answered"
                + " 404 if the endpoint is still away).", min = "0", max = "60000")
        long wait_ms() default 10_000;

        @AttributeDefinition(name = "Requests held at most", description = "Each holds an HTTP thread; more go on at once.",
                min = "0")
        int waiters() default 128;
    }

    private final Endpoints endpoints = new Endpoints();
    /** The servlets counted in {@link #endpoints}, so that the early and the late news of one leaving count once. */
    private final Map<ServiceReference<?>, List<String>> counted = new ConcurrentHashMap<>();
    private final long waitNanos;
    private final Semaphore waiters;
    private final ServiceRegistration<EventListenerHook> earlyNews;
    /**
     * Until when (nanoTime) an endpoint registered a moment ago may not be routed yet: this component and the
     * whiteboard learn of a registration in turn, in no set order, and a request in between would meet 404.
     */
    private volatile long settlingUntil;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HttpServiceRuntime runtime;

    @Activate
    public EndpointGate(Config config, BundleContext context) {
        this.waitNanos = TimeUnit.MILLISECONDS.toNanos(config.wait_ms());
        this.waiters = new Semaphore(config.waiters());
        // A hook sees a servlet's unregistration before any listener does: the whiteboard's listener drops the
        // route, and this component's own reference learns of it only after (listeners are called in turn), a
        // moment in which a request would pass the gate and meet 404. The hook counts the servlet out first.
        EventListenerHook hook = (event, listeners) -> {
            if (event.getType() == ServiceEvent.UNREGISTERING) {
                countOut(event.getServiceReference());
            }
        };
        this.earlyNews = context.registerService(EventListenerHook.class, hook, null);
    }

    @Deactivate
    void deactivate() {
        earlyNews.unregister();
    }

    @Reference(service = Servlet.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=*)", unbind = "unbindServlet")
    void bindServlet(ServiceReference<Servlet> servlet) {
        List<String> patterns = patterns(servlet);
        if (!patterns.isEmpty() && counted.putIfAbsent(servlet, patterns) == null) {
            settlingUntil = System.nanoTime() + SETTLING_NANOS;
            endpoints.registered(patterns);
        }
    }

    void unbindServlet(ServiceReference<Servlet> servlet) {
        countOut(servlet);
    }

    private void countOut(ServiceReference<?> servlet) {
        List<String> patterns = counted.remove(servlet);
        if (patterns != null) {
            endpoints.unregistered(patterns);
        }
    }

    /** The patterns of a servlet of memtune's bundles (others are not ours to hold requests for). */
    private static List<String> patterns(ServiceReference<?> servlet) {
        String bundle = servlet.getBundle() == null ? null : servlet.getBundle().getSymbolicName();
        if (bundle == null || !bundle.startsWith("io.memtune.")) {
            return List.of();
        }
        Object value = servlet.getProperty(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN);
        return value instanceof String[] all ? Arrays.asList(all) : value == null ? List.of() : List.of(value.toString());
    }

    @Override
    public void init(FilterConfig config) {
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException,
            ServletException {
        String path = request instanceof HttpServletRequest http ? http.getRequestURI() : null;
        if (endpoints.knownFor(path) == null || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response); // not an endpoint of memtune's
            return;
        }
        String away = endpoints.awayFor(path);
        if (away != null) {
            hold(away, path);
        } else if (System.nanoTime() - settlingUntil < 0 && endpoints.servedFor(path) != null) {
            awaitRouted(path, System.nanoTime() + waitNanos);
        }
        NotFoundCatcher caught = new NotFoundCatcher(httpResponse);
        try {
            chain.doFilter(request, caught);
            if (caught.notFound && !response.isCommitted()) {
                // no servlet for it in that moment, though this gate saw none leave (the whiteboard and this gate
                // learn of a registration in turn): once more, when the whiteboard routes it
                awaitRouted(path, System.nanoTime() + waitNanos);
                chain.doFilter(request, response);
            }
        } catch (ServletException e) {
            if (!UNREGISTERED.equals(e.getMessage()) || response.isCommitted() || path == null) {
                throw e;
            }
            // routed to the servlet just before it left: held until its replacement is there, then routed again
            String pattern = endpoints.awayFor(path);
            if (pattern == null || !hold(pattern, path)) {
                throw e;
            }
            if (response instanceof HttpServletResponse http) {
                http.resetBuffer();
            }
            chain.doFilter(request, response);
        }
    }

    /** Holds until the pattern is registered again and the whiteboard routes the path; false when it is not in time. */
    private boolean hold(String pattern, String path) throws ServletException {
        if (!waiters.tryAcquire()) {
            return false;
        }
        long deadline = System.nanoTime() + waitNanos;
        try {
            if (!endpoints.awaitBack(pattern, deadline)) {
                return false;
            }
            // registered: the whiteboard learns of it from the same service event, perhaps a moment after this gate
            awaitRouted(path, deadline);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted while the endpoint " + pattern + " was being replaced", e);
        } finally {
            waiters.release();
        }
    }

    private void awaitRouted(String path, long deadline) throws ServletException {
        try {
            while (!routed(path) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted while the endpoint for " + path + " was being replaced", e);
        }
    }

    private boolean routed(String path) {
        HttpServiceRuntime r = runtime;
        if (r == null) {
            return true;
        }
        RequestInfoDTO info = r.calculateRequestInfoDTO(path);
        return info != null && info.servletDTO != null;
    }

    @Override
    public void destroy() {
    }

    /**
     * Keeps the whiteboard's 404 (no servlet for the path) from the client, for one more try. memtune's servlets answer
     * their own errors with a JSON body (ErrorResponses), never {@code sendError}, so a 404 sent this way on one of
     * their paths is the whiteboard's.
     */
    private static final class NotFoundCatcher extends HttpServletResponseWrapper {
        boolean notFound;

        NotFoundCatcher(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (status == HttpServletResponse.SC_NOT_FOUND && !notFound && !isCommitted()) {
                notFound = true;
                return;
            }
            super.sendError(status, message);
        }
    }
}
