package io.memtune.monitoring.internal;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.json.MetricsModule;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.memtune.monitoring.core.PrometheusWriter;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /metrics} (Prometheus text format 0.0.4) and {@code GET /metrics.json} (metrics-json). */
@Component(service = Servlet.class, configurationPid = MetricsServlet.PID)
@HttpWhiteboardServletPattern({"/metrics", "/metrics.json"})
@Designate(ocd = MetricsServlet.Config.class)
public final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PID = "io.memtune.monitoring.http";

    @ObjectClassDefinition(name = "memtune metrics endpoints", description = "GET /metrics and /metrics.json.")
    public @interface Config {
        @AttributeDefinition(name = "Label sets per family", description = "A metric family (say, render time per"
                + " tenant) shows at most this many label sets; the rest are folded into 'other'.", min = "1",
                max = "100000")
        int label_sets_max() default 100;
    }

    private final transient MetricRegistry registry;
    private final transient PrometheusWriter prometheus;
    private final transient ObjectMapper json = new ObjectMapper()
            .registerModule(new MetricsModule(TimeUnit.SECONDS, TimeUnit.MILLISECONDS, false));

    @Activate
    public MetricsServlet(@Reference MetricRegistry registry, Config config) {
        this.registry = registry;
        this.prometheus = new PrometheusWriter(config.label_sets_max());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (request.getServletPath().endsWith(".json")) {
            response.setContentType("application/json; charset=UTF-8");
            json.writeValue(response.getOutputStream(), registry);
            return;
        }
        response.setContentType("text/plain; version=0.0.4; charset=UTF-8");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        prometheus.write(registry, out);
        out.flush();
    }
}
