package io.memtune.health.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.memtune.health.core.HealthReport;
import io.memtune.health.core.Probe;
import io.memtune.health.core.Probes;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /health/live}, {@code /health/ready} and {@code /health} (every check): the probe's report as JSON,
 * 200 when it is OK or WARN, 503 otherwise, never cached. Our own servlet over the Felix HC executor rather than
 * Felix's HealthCheckExecutorServlet: that one exists only when configured (a probe that vanishes with a line of an
 * environment file), serves cached results unless asked otherwise (readiness must fail within a request of
 * SIGTERM) and maps a failing check to 500.
 *
 * <p>Degraded behaviour: without the executor (bundle org.apache.felix.healthcheck.core away) liveness answers 200
 * with a warning and readiness 503.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/health", "/health/*"})
public final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile HealthCheckExecutor executor;

    private final transient ObjectMapper json = new ObjectMapper();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json; charset=UTF-8");
        Optional<Probe> probe = Probe.named(request.getPathInfo());
        if (probe.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            json.writeValue(response.getOutputStream(), Map.of("error", "no probe /health" + request.getPathInfo(),
                    "detail", "the probes are /health/live, /health/ready and /health (every check)"));
            return;
        }
        HealthReport report = Probes.run(executor, probe.get());
        response.setStatus(report.healthy() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        json.writeValue(response.getOutputStream(), report);
    }
}
