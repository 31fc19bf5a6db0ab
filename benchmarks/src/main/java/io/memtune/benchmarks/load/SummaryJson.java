package io.memtune.benchmarks.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The load report as data for tools (dashboards, regression checks): the figures of every run, the ratios the
 * issue's targets are stated in and whether each is met. Built as plain maps and lists so its shape is decided
 * here, key by key, not by whatever fields the records happen to have; a figure that could not be measured
 * ({@code NaN}) is {@code null}, as JSON has no NaN.
 */
final class SummaryJson {

    private SummaryJson() {
    }

    static Map<String, Object> of(Report r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("generated", r.date());
        json.put("quick", r.plan().quick());
        json.put("machine", map("cores", r.setup().cores(), "java", r.setup().java()));
        json.put("plan", map("rounds", r.plan().rounds(), "warmup_s", r.plan().warmUp().toSeconds(), "measured_s",
                r.plan().measured().toSeconds(), "probe_s", r.plan().probe().toSeconds(), "overload_phases_s",
                List.of(r.plan().unloaded().toSeconds(), r.plan().overload().toSeconds(), r.plan().recovery().toSeconds())));
        json.put("corpus", map("pages", r.setup().pages(), "description", r.setup().corpus()));
        json.put("flags", sides(r.setup().jvmOptions(), r.setup().flags(), r.memory().flags()));
        json.put("settings", map("think_ms", r.setup().think().toMillis(), "executor_cpu_headroom_and_memory_bound",
                object(AbComparison.PATIENT), "executor_overload", object(AbComparison.SHIPPED), "only_difference",
                "io.memtune.template/mode"));
        json.put("calibration", calibration(r.calibration()));
        json.put("cpu_headroom", headroom(r.headroom()));
        json.put("memory_bound", memory(r.memory()));
        json.put("overload", overload(r.overload()));
        return json;
    }

    /** Both sides, spelled out though equal: the report lists every flag of each. */
    private static Map<String, Object> sides(List<String> jvmOptions, List<String> flags, List<String> memoryBoundFlags) {
        Map<String, Object> side = map("jvm_options", jvmOptions, "added", flags, "added_memory_bound", memoryBoundFlags);
        return map("baseline", side, "optimized", side);
    }

    private static Map<String, Object> calibration(Calibration c) {
        return map("target_cpu", Calibration.TARGET, "target_reached", c.targetReached(), "n1", c.n1(), "cpu", num(c.cpuShare()), "probes",
                c.probes().stream().map(p -> map("users", p.x(), "cpu", num(p.value()))).toList());
    }

    private static Map<String, Object> headroom(CpuHeadroom h) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("n1", h.n1());
        json.put("runs", h.runs().stream().map(SummaryJson::run).toList());
        for (int multiple : List.of(2, 4)) {
            json.put("optimized_p99_" + multiple + "n1_vs_baseline_p99_n1", num(h.p99Ratio(multiple)));
            json.put("optimized_success_" + multiple + "n1", num(h.successAt(multiple)));
            json.put("met_" + multiple + "n1", h.met(multiple));
        }
        json.put("heap_after_gc_n1_optimized_vs_baseline", num(h.ratioAtN1(Run::heapAfterGc)));
        json.put("peak_rss_n1_optimized_vs_baseline", num(h.ratioAtN1(Run::peakRss)));
        json.put("targets", map("p99_ratio_max", CpuHeadroom.P99_RATIO_TARGET, "success_min", CpuHeadroom.SUCCESS_TARGET));
        return json;
    }

    private static Map<String, Object> memory(MemoryBound m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cap_mb", m.capMb());
        json.put("cap_found", m.capFound());
        json.put("baseline_heap_after_gc_n1", m.baselineHeapAfterGc());
        json.put("cap_probes", m.capProbes().stream().map(p -> map("xmx_mb", p.x(), "baseline_success_n1", num(p.value()))).toList());
        json.put("users", 2 * m.n1());
        json.put("runs", m.runs().stream().map(SummaryJson::run).toList());
        json.put("optimized_met", m.optimizedMet());
        return json;
    }

    private static Map<String, Object> overload(OverloadScenario o) {
        return map("n1_rate", num(o.n1Rate()), "overload_rate", num(o.overloadRate()), "modes", o.runs().stream().map(m -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("mode", m.mode());
            json.put("peak_goodput", num(m.peakGoodput()));
            json.put("phases", m.phases().stream().map(p -> map("name", p.name(), "rate", num(p.rate()), "goodput", num(p.result().goodput()),
                    "admitted_p99_ms", num(p.result().okP99Millis()), "refused_p99_ms", num(p.result().refusedP99Millis()),
                    "success", num(p.result().successRatio()), "by_status", statuses(p.result()), "send_lag_p99_ms",
                    num(p.sendLagP99Millis()))).toList());
            json.put("not_sent_share", num(m.notSentShare()));
            json.put("goodput_vs_peak", num(m.goodputVsPeak()));
            json.put("admitted_p99_vs_unloaded", num(m.admittedP99VsUnloaded()));
            json.put("refused_p99_ms", num(m.refusedP99Millis()));
            json.put("recovery_s", num(m.recoverySeconds()));
            json.put("met", m.met());
            return json;
        }).toList());
    }

    private static Map<String, Object> run(Run r) {
        LoadResult l = r.load();
        return map("mode", r.mode(), "users", r.users(), "throughput", num(l.throughput()), "p50_ms", num(l.p50Millis()),
                "p99_ms", num(l.p99Millis()), "p999_ms", num(l.p999Millis()), "success", num(l.successRatio()), "by_status",
                statuses(l), "cpu", num(r.cpuShare()), "gc", num(r.gcShare()), "heap_after_gc", r.heapAfterGc(), "peak_rss",
                r.peakRss(), "full_gcs", r.fullGcs());
    }

    private static Map<String, Object> statuses(LoadResult l) {
        Map<String, Object> json = new LinkedHashMap<>();
        l.byStatus().forEach((status, count) -> json.put(Integer.toString(status), count));
        return json;
    }

    private static Object object(String json) {
        try {
            return new ObjectMapper().readValue(json, Map.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the settings are not JSON: " + json, e);
        }
    }

    /** JSON has no NaN or infinity: an unmeasured figure is null. */
    static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** An ordered map of key, value pairs (Map.of has no order, and refuses nulls). */
    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            json.put((String) keyValues[i], keyValues[i + 1]);
        }
        return json;
    }
}
