package io.memtune.dashboard.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import io.memtune.api.alert.AlertService;
import io.memtune.api.concurrency.ConcurrencyManager;
import io.memtune.api.metrics.MetricHistory;
import io.memtune.api.pool.PoolManager;
import io.memtune.api.profiler.MemoryProfiler;
import io.memtune.api.profiler.ProfileInfo;
import io.memtune.api.profiler.ProfileKind;
import io.memtune.api.template.TemplateService;
import org.slf4j.LoggerFactory;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /dashboard}: the page and its assets (from this bundle: no CDN), and the JSON it reads
 * ({@code /dashboard/api/...}, documented in docs/dashboard.md). Read-only views are open (the container
 * listens on loopback unless an environment says otherwise); admin actions (capturing a profile or a heap
 * dump) and profile downloads need {@code Authorization: Bearer <admin.token>}, compared in constant time;
 * with no token configured they are refused.
 */
@Component(service = Servlet.class, configurationPid = DashboardServlet.PID)
@HttpWhiteboardServletPattern("/dashboard/*")
@Designate(ocd = DashboardServlet.Config.class)
public final class DashboardServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PID = "io.memtune.dashboard";
    static final int MIN_TOKEN_BYTES = 16;

    @ObjectClassDefinition(name = "memtune dashboard", description = "The operations dashboard.")
    public @interface Config {
        @AttributeDefinition(name = "Admin token", description = "Required (as Bearer) for admin actions and profile"
                + " downloads; empty: those are refused. Keep it in $[env:MEMTUNE_ADMIN_TOKEN].", type = AttributeType.PASSWORD)
        String admin_token() default "";

        @AttributeDefinition(name = "Read-only views open", description = "false: the read-only views need the token too.")
        boolean readonly_open() default true;
    }

    /** The series the charts draw, in the order they are drawn. */
    static final List<String> CHARTED = List.of("memtune.jvm.memory.heap.used", "memtune.jvm.heap.used.after.gc",
            "memtune.jvm.memory.heap.committed", "memtune.jvm.gc.overhead", "memtune.jvm.allocation.rate",
            "memtune.jvm.threads.count");

    /** The per-tenant render metrics' summary gauge (template bundle). */
    static final String TENANTS_SUMMARY = "memtune.template.tenants";

    /** Instants as ISO-8601 text (the JSR-310 module is not among the container's bundles). */
    private final transient ObjectMapper json = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));
    private final byte[] token;
    private final boolean readOnlyOpen;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile MetricHistory history;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile AlertService alerts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile MemoryProfiler profiler;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile PoolManager pools;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ConcurrencyManager concurrency;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile TemplateService templates;

    /** Only for the per-tenant metrics' summary (the "tenants" view); without it that view is empty. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile MetricRegistry registry;

    @Activate
    public DashboardServlet(Config config) {
        this.token = config.admin_token().getBytes(StandardCharsets.UTF_8);
        if (token.length > 0 && token.length < MIN_TOKEN_BYTES) {
            // still honoured: refusing would lock the operator out; a short token is guessable over HTTP
            LoggerFactory.getLogger(DashboardServlet.class).warn("the dashboard's admin token has {} characters; use at"
                    + " least {} (e.g. openssl rand -hex 24)", token.length, MIN_TOKEN_BYTES);
        }
        this.readOnlyOpen = config.readonly_open();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (path.equals("/") || path.equals("/index.html")) {
            asset(response, "index.html", "text/html; charset=UTF-8");
        } else if (path.equals("/app.js")) {
            asset(response, "app.js", "text/javascript; charset=UTF-8");
        } else if (path.equals("/app.css")) {
            asset(response, "app.css", "text/css; charset=UTF-8");
        } else if (path.startsWith("/api/profiles/")) {
            download(request, response, path.substring("/api/profiles/".length()));
        } else if (path.startsWith("/api/")) {
            if (!readOnlyOpen && !authorized(request)) {
                error(response, 401, "unauthorized", "the read-only views need the admin token here");
                return;
            }
            Object view = view(path.substring("/api/".length()));
            if (view == null) {
                error(response, 404, "not_found", "no dashboard view " + path);
                return;
            }
            response.setContentType("application/json; charset=UTF-8");
            response.setHeader("Cache-Control", "no-store");
            json.writeValue(response.getOutputStream(), view);
        } else {
            error(response, 404, "not_found", "no dashboard resource " + path);
        }
    }

    /** The JSON views; null for an unknown one. */
    Object view(String name) {
        switch (name) {
            case "overview": {
                Map<String, Object> all = new LinkedHashMap<>();
                for (String v : List.of("series", "alerts", "profiles", "pools", "executors", "templates", "tenants")) {
                    all.put(v, view(v));
                }
                return all;
            }
            case "series": {
                Map<String, Object> series = new LinkedHashMap<>();
                MetricHistory h = history;
                if (h != null) {
                    List<String> names = new ArrayList<>(CHARTED);
                    h.seriesNames().stream().filter(n -> n.startsWith("memtune.template.render")).limit(5).forEach(names::add);
                    for (String n : names) {
                        series.put(n, h.samples(n).stream().map(s -> new double[] {s.timeMillis(), s.value()}).toList());
                    }
                }
                return series;
            }
            case "alerts":
                return alerts == null ? List.of() : alerts.alerts(true);
            case "profiles":
                return profiler == null ? List.of() : profiler.profiles();
            case "pools":
                return pools == null ? List.of() : pools.statistics();
            case "executors":
                return concurrency == null ? List.of() : concurrency.statistics();
            case "templates":
                return templates == null ? List.of() : templates.cacheTiers();
            case "tenants": {
                // which tenants have their own render series and which are folded into tenant=other
                MetricRegistry r = registry;
                Metric summary = r == null ? null : r.getMetrics().get(TENANTS_SUMMARY);
                return summary instanceof Gauge ? ((Gauge<?>) summary).getValue() : Map.of();
            }
            default:
                return null;
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (!path.equals("/api/actions/profile")) {
            error(response, 404, "not_found", "no dashboard action " + path);
            return;
        }
        if (!authorized(request)) {
            error(response, token.length == 0 ? 403 : 401, "unauthorized", token.length == 0
                    ? "admin actions are off: no admin token is configured for this environment"
                    : "admin actions need Authorization: Bearer <admin token>");
            return;
        }
        MemoryProfiler p = profiler;
        if (p == null) {
            error(response, 503, "unavailable", "the profiler is not running");
            return;
        }
        String kind = String.valueOf(request.getParameter("kind"));
        ProfileInfo info;
        switch (kind) {
            case "histogram":
                info = p.capture(ProfileKind.HISTOGRAM, "dashboard");
                break;
            case "heapdump":
                info = p.heapDump(true, "dashboard");
                break;
            default:
                error(response, 400, "bad_request", "kind must be histogram or heapdump, not '" + kind + "'");
                return;
        }
        response.setContentType("application/json; charset=UTF-8");
        json.writeValue(response.getOutputStream(), info);
    }

    private void download(HttpServletRequest request, HttpServletResponse response, String id) throws IOException {
        if (!authorized(request)) {
            error(response, token.length == 0 ? 403 : 401, "unauthorized", "profile downloads need the admin token");
            return;
        }
        MemoryProfiler p = profiler;
        ProfileInfo info = p == null ? null : p.profile(id).orElse(null);
        if (info == null) {
            error(response, 404, "not_found", "no profile '" + id + "'");
            return;
        }
        Path file = Path.of(info.file());
        response.setContentType("application/octet-stream");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"");
        response.setContentLengthLong(Files.size(file));
        Files.copy(file, response.getOutputStream());
    }

    /** The Bearer token, compared in constant time; never true when no token is configured. */
    boolean authorized(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (token.length == 0 || header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring("Bearer ".length()).getBytes(StandardCharsets.UTF_8));
    }

    private void asset(HttpServletResponse response, String name, String type) throws IOException {
        try (InputStream in = DashboardServlet.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) {
                error(response, 404, "not_found", "missing asset " + name);
                return;
            }
            response.setContentType(type);
            response.setHeader("Cache-Control", "no-cache");
            in.transferTo(response.getOutputStream());
        }
    }

    private void error(HttpServletResponse response, int status, String error, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json; charset=UTF-8");
        json.writeValue(response.getOutputStream(), Map.of("error", error, "detail", detail));
    }
}
