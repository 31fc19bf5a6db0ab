package io.memtune.dashboard.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import io.memtune.api.alert.AlertService;
import io.memtune.api.concurrency.ConcurrencyManager;
import io.memtune.api.metrics.MetricHistory;
import io.memtune.api.optimizer.Optimizer;
import io.memtune.api.pool.PoolManager;
import io.memtune.api.profiler.MemoryProfiler;
import io.memtune.api.profiler.ProfileInfo;
import io.memtune.api.profiler.ProfileKind;
import io.memtune.api.template.TemplateService;
import io.memtune.api.tuner.Tuner;
import org.slf4j.LoggerFactory;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /dashboard}: the page and its assets (from this bundle: no CDN), and the JSON it reads
 * ({@code /dashboard/api/...}, documented in docs/dashboard.md). Read-only views are open (the container
 * listens on loopback unless an environment says otherwise); admin actions (capturing a profile or a heap
 * dump, applying or rolling back a tuner recommendation) and profile downloads need
 * {@code Authorization: Bearer <admin.token>}, compared in constant time; with no token configured they are refused.
 * Every service is optional: without one its views are empty and its actions answer 503.
 */
@Component(service = Servlet.class, configurationPid = DashboardServlet.PID)
@HttpWhiteboardServletPattern("/dashboard/*")
@Designate(ocd = DashboardServlet.Config.class)
public final class DashboardServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PID = "io.memtune.dashboard";
    static final int MIN_TOKEN_BYTES = 16;
    /** Each point of the renders-per-second chart is the rate over the ten seconds before it. */
    static final long RATE_SMOOTHING_MILLIS = 10_000;
    static final List<String> ACTIONS = List.of("/api/actions/profile", "/api/actions/tuner/apply", "/api/actions/tuner/rollback");

    @ObjectClassDefinition(name = "memtune dashboard", description = "The operations dashboard.")
    public @interface Config {
        @AttributeDefinition(name = "Admin token", description = "Required (as Bearer) for admin actions and profile"
                + " downloads; empty: those are refused. Keep it in $[env:MEMTUNE_ADMIN_TOKEN].", type = AttributeType.PASSWORD)
        String admin_token() default "";

        @AttributeDefinition(name = "Read-only views open", description = "false: the read-only views need the token too.")
        boolean readonly_open() default true;

        @AttributeDefinition(name = "Tenants charted", description = "How many tenants the render charts show (the"
                + " busiest in the window), besides 'other' when tenants are folded into it.", min = "1", max = "20")
        int tenants_charted() default 5;

        @AttributeDefinition(name = "Tenants in the template memory table", description = "The largest N tenants by"
                + " template heap; the rest are summed in one row.", min = "1", max = "1000")
        int templates_top() default 10;

        @AttributeDefinition(name = "Render rate interval (ms)", description = "How often each tenant's render count"
                + " is sampled for the renders-per-second chart.", min = "100", max = "60000")
        long render_rate_interval_ms() default 1000;

        @AttributeDefinition(name = "Render rate samples", description = "Samples kept per tenant; with the interval,"
                + " how far back the renders-per-second chart goes (10 minutes by default, as the metric history).",
                min = "2", max = "100000")
        int render_rate_samples() default 600;
    }

    /** Instants as ISO-8601 text (the JSR-310 module is not among the container's bundles). */
    private final transient ObjectMapper json = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));
    private final byte[] token;
    private final boolean readOnlyOpen;
    private final int tenantsCharted;
    private final int templatesTop;
    private final transient RenderRates rates;
    private final transient ScheduledExecutorService sampler;

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

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile Optimizer optimizer;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile Tuner tuner;

    /**
     * For the render counts of each tenant and the per-tenant metrics' summary (which tenants are folded into
     * {@code other}); without it the render-rate chart and the tenants view stay empty.
     */
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
        this.tenantsCharted = config.tenants_charted();
        this.templatesTop = config.templates_top();
        this.rates = new RenderRates(() -> registry, config.render_rate_samples(), RATE_SMOOTHING_MILLIS);
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "memtune-dashboard-rates");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> rates.sample(System.currentTimeMillis()), 0, config.render_rate_interval_ms(),
                TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void stop() {
        sampler.shutdownNow();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (path.equals("/") || path.equals("/index.html")) {
            asset(response, "index.html", "text/html; charset=UTF-8");
        } else if (path.equals("/app.js") || path.equals("/chart.js")) {
            asset(response, path.substring(1), "text/javascript; charset=UTF-8");
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

    /** The JSON views (see {@link Views}); null for an unknown one. */
    Object view(String name) {
        return Views.view(name, new Views.Services(history, rates, alerts, profiler, pools, concurrency, templates, optimizer,
                tuner, registry, tenantsCharted, templatesTop));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (!ACTIONS.contains(path)) {
            error(response, 404, "not_found", "no dashboard action " + path + " (actions: " + ACTIONS + ")");
            return;
        }
        if (!authorized(request)) {
            refuse(response, "admin actions");
            return;
        }
        Object result;
        try {
            result = switch (path) {
                case "/api/actions/profile" -> profile(response, String.valueOf(request.getParameter("kind")));
                case "/api/actions/tuner/apply" -> apply(response, request.getParameter("id"));
                default -> rollback(response, request.getParameter("id"));
            };
        } catch (IllegalArgumentException e) {
            error(response, 409, "conflict", e.getMessage());
            return;
        } catch (IllegalStateException e) {
            error(response, 500, "failed", e.getMessage());
            return;
        }
        if (result != null) {
            response.setContentType("application/json; charset=UTF-8");
            json.writeValue(response.getOutputStream(), result);
        }
    }

    /** The ProfileInfo captured; null when an error was answered. */
    private Object profile(HttpServletResponse response, String kind) throws IOException {
        MemoryProfiler p = profiler;
        if (p == null) {
            error(response, 503, "unavailable", "the profiler is not running");
            return null;
        }
        switch (kind) {
            case "histogram":
                return p.capture(ProfileKind.HISTOGRAM, "dashboard");
            case "heapdump":
                return p.heapDump(true, "dashboard");
            default:
                error(response, 400, "bad_request", "kind must be histogram or heapdump, not '" + kind + "'");
                return null;
        }
    }

    /** The changes made; null when an error was answered. */
    private Object apply(HttpServletResponse response, String id) throws IOException {
        Tuner t = tunerFor(response, id, "name the recommendation to apply: ?id=<id> (see /dashboard/api/recommendations)");
        if (t == null) {
            return null;
        }
        List<Tuner.Change> made = t.apply(List.of(id));
        if (made.isEmpty()) {
            throw new IllegalArgumentException("nothing applied: no live recommendation '" + id + "' now (it may have"
                    + " been applied already, or the measurements no longer ask for it)");
        }
        return made;
    }

    /** The rollback's history entry; null when an error was answered. */
    private Object rollback(HttpServletResponse response, String id) throws IOException {
        Tuner t = tunerFor(response, id, "name the change to roll back: ?id=<id> (see /dashboard/api/tuner)");
        return t == null ? null : t.rollback(id);
    }

    /** The tuner, or null after answering 503 (not running) or 400 (no id: {@code missingId} says what to give). */
    private Tuner tunerFor(HttpServletResponse response, String id, String missingId) throws IOException {
        Tuner t = tuner;
        if (t == null) {
            error(response, 503, "unavailable", "the tuner is not running");
        } else if (id == null || id.isBlank()) {
            error(response, 400, "bad_request", missingId);
            return null;
        }
        return t;
    }

    private void download(HttpServletRequest request, HttpServletResponse response, String id) throws IOException {
        if (!authorized(request)) {
            refuse(response, "profile downloads");
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

    /** 403 when no token is configured (admin is off), else 401 with the Bearer challenge. */
    private void refuse(HttpServletResponse response, String what) throws IOException {
        if (token.length == 0) {
            error(response, 403, "forbidden", what + " are off: no admin token is configured for this environment"
                    + " (admin.token of " + PID + ")");
        } else {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"memtune dashboard\"");
            error(response, 401, "unauthorized", what + " need Authorization: Bearer <admin token>");
        }
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
