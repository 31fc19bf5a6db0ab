package io.memtune.dashboard.internal;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.memtune.api.alert.AlertService;
import io.memtune.api.alert.AlertState;
import io.memtune.api.concurrency.ConcurrencyManager;
import io.memtune.api.metrics.MetricHistory;
import io.memtune.api.optimizer.OptimizationReport;
import io.memtune.api.optimizer.Optimizer;
import io.memtune.api.pool.PoolManager;
import io.memtune.api.profiler.MemoryProfiler;
import io.memtune.api.template.TemplateService;
import io.memtune.api.tuner.Tuner;

/**
 * The JSON views of the dashboard (docs/dashboard.md), built from whichever services are present: a view whose
 * service is away is empty, not an error.
 */
final class Views {

    /** What the page polls every few seconds; the costlier {@code memory} and {@code recommendations} it polls less. */
    static final List<String> OVERVIEW = List.of("charts", "alerts", "alertHistory", "profiles", "pools", "executors",
            "templates", "tuner", "tenants");

    /** The services of the moment (each null when away), and the settings that shape the views. */
    record Services(MetricHistory history, RenderRates rates, AlertService alerts, MemoryProfiler profiler, PoolManager pools,
            ConcurrencyManager concurrency, TemplateService templates, Optimizer optimizer, Tuner tuner, MetricRegistry registry,
            int tenantsCharted, int templatesTop) {
    }

    /** The per-tenant render metrics' summary gauge (template bundle): which tenants are tracked, which folded. */
    static final String TENANTS_SUMMARY = "memtune.template.tenants";

    private Views() {
    }

    /** The view of that name; null for an unknown one. */
    static Object view(String name, Services s) {
        switch (name) {
            case "overview": {
                Map<String, Object> all = new LinkedHashMap<>();
                OVERVIEW.forEach(v -> all.put(v, view(v, s)));
                return all;
            }
            case "series":
                return series(s.history());
            case "charts":
                return Charts.of(s.history(), s.rates().series(), s.tenantsCharted());
            case "alerts":
                return s.alerts() == null ? List.of() : s.alerts().alerts(false);
            case "alertHistory":
                return s.alerts() == null ? List.of()
                        : s.alerts().alerts(true).stream().filter(a -> a.state() == AlertState.RESOLVED).toList();
            case "profiles":
                return s.profiler() == null ? List.of() : s.profiler().profiles();
            case "pools":
                return s.pools() == null ? List.of() : s.pools().statistics();
            case "executors":
                return s.concurrency() == null ? List.of() : s.concurrency().statistics();
            case "templates":
                return s.templates() == null ? List.of() : s.templates().cacheTiers();
            case "memory":
                return memory(s);
            case "recommendations":
                return s.tuner() == null ? List.of() : s.tuner().recommend();
            case "tuner":
                return tuner(s.tuner());
            case "tenants": {
                // which tenants have their own render series and which are folded into tenant=other
                Metric summary = s.registry() == null ? null : s.registry().getMetrics().get(TENANTS_SUMMARY);
                return summary instanceof Gauge<?> gauge ? gauge.getValue() : Map.of();
            }
            default:
                return null;
        }
    }

    /** The raw series, by registry name, unconverted (for tools; the page draws {@code charts}). */
    private static Map<String, Object> series(MetricHistory history) {
        Map<String, Object> series = new LinkedHashMap<>();
        if (history != null) {
            for (String n : history.seriesNames()) {
                series.put(n, history.samples(n).stream().map(x -> new double[] {x.timeMillis(), x.value()}).toList());
            }
        }
        return series;
    }

    private static Map<String, Object> memory(Services s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", s.templates() == null ? null : s.templates().mode());
        out.put("top", s.templatesTop());
        Optimizer optimizer = s.optimizer();
        if (optimizer != null) {
            OptimizationReport report = optimizer.report();
            out.put("source", "optimizer");
            out.put("tenants", TenantMemory.fromOptimizer(optimizer.templateMemory(Integer.MAX_VALUE), s.templatesTop()));
            out.put("report", report);
        } else {
            out.put("source", s.templates() == null ? "none" : "template service (optimizer not running: no savings)");
            out.put("tenants", s.templates() == null ? List.of() : TenantMemory.fromTemplates(s.templates().templates(null),
                    s.templatesTop()));
            out.put("report", null);
        }
        return out;
    }

    /** The tuner's changes, newest first, and the ids whose latest change is still in force (may be rolled back). */
    private static Map<String, Object> tuner(Tuner tuner) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Tuner.Change> history = tuner == null ? List.of() : tuner.history();
        Map<String, Tuner.Change> latest = new LinkedHashMap<>();
        history.stream().filter(c -> !c.outcome().startsWith("written back"))
                .forEach(c -> latest.put(c.recommendation().id(), c));
        List<String> inForce = latest.values().stream()
                .filter(c -> c.outcome().equals("applied") || c.outcome().equals("verified"))
                .map(c -> c.recommendation().id()).toList();
        List<Tuner.Change> newestFirst = new ArrayList<>(history);
        java.util.Collections.reverse(newestFirst);
        out.put("history", newestFirst);
        out.put("inForce", inForce);
        return out;
    }
}
