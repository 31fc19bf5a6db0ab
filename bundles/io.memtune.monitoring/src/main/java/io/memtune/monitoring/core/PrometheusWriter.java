package io.memtune.monitoring.core;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;

import io.memtune.api.metrics.MetricNames;

/**
 * The registry in the Prometheus text exposition format (version 0.0.4): one family per base name with
 * {@code # HELP} and {@code # TYPE}, labels from the {@link MetricNames} convention. Gauges and counters
 * (which Dropwizard lets go down) are gauges; meters are counters ({@code _total}); histograms and timers
 * (in seconds) are summaries with quantiles and {@code _count}. A family with more label sets than the cap
 * keeps the busiest and folds the rest into one set whose label values are {@code other} (summed; without
 * quantiles, which cannot be summed), together with any set the registry already named {@code other} (the
 * per-tenant render timers fold tenants beyond their memory budget into {@code tenant=other} themselves).
 */
public final class PrometheusWriter {

    static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.99, 0.999};
    static final String OTHER = "other";

    private final int labelSetCap;

    /** @param labelSetCap the most label sets a family exposes before folding the rest into {@code other} */
    public PrometheusWriter(int labelSetCap) {
        this.labelSetCap = Math.max(1, labelSetCap);
    }

    /** One metric of a family. @param name its registry name */
    private record Member(String name, Map<String, String> labels, Metric metric) {
    }

    public void write(MetricRegistry registry, Writer out) throws IOException {
        SortedMap<String, List<Member>> families = new TreeMap<>();
        for (Map.Entry<String, Metric> e : registry.getMetrics().entrySet()) {
            String family = sanitize(MetricNames.base(e.getKey()));
            families.computeIfAbsent(family, k -> new ArrayList<>()).add(new Member(e.getKey(), MetricNames.labels(e.getKey()), e.getValue()));
        }
        for (Map.Entry<String, List<Member>> family : families.entrySet()) {
            writeFamily(family.getKey(), family.getValue(), out);
        }
    }

    private void writeFamily(String name, List<Member> members, Writer out) throws IOException {
        Metric first = members.get(0).metric();
        List<Member> kept = members;
        List<Member> folded = List.of();
        if (members.size() > labelSetCap) {
            // a set the registry itself already folded ({tenant=other}) joins this fold: one 'other' per family
            List<Member> sorted = new ArrayList<>(members.stream().filter(m -> !isOther(m)).toList());
            sorted.sort(Comparator.comparingDouble((Member m) -> weight(m.metric())).reversed());
            kept = sorted.subList(0, Math.min(labelSetCap - 1, sorted.size()));
            folded = new ArrayList<>(sorted.subList(kept.size(), sorted.size()));
            folded.addAll(members.stream().filter(PrometheusWriter::isOther).toList());
        }
        if (first instanceof Timer || first instanceof Histogram) {
            String family = first instanceof Timer ? name + "_seconds" : name;
            header(out, family, "summary", members.get(0).name());
            for (Member m : kept) {
                writeSummary(family, m.labels(), m.metric(), out);
            }
            if (!folded.isEmpty()) {
                long count = folded.stream().mapToLong(m -> count(m.metric())).sum();
                sample(out, family + "_count", otherLabels(folded.get(0).labels()), count);
            }
        } else if (first instanceof Meter) {
            header(out, name + "_total", "counter", members.get(0).name());
            for (Member m : kept) {
                sample(out, name + "_total", m.labels(), ((Meter) m.metric()).getCount());
            }
            if (!folded.isEmpty()) {
                sample(out, name + "_total", otherLabels(folded.get(0).labels()),
                        folded.stream().mapToDouble(m -> weight(m.metric())).sum());
            }
        } else {
            List<Member> numeric = kept.stream().filter(m -> value(m.metric()) != null).toList();
            if (numeric.isEmpty() && folded.isEmpty()) {
                return; // gauges of text (thread dumps, deadlock lists): nothing Prometheus can hold
            }
            header(out, name, "gauge", members.get(0).name());
            for (Member m : numeric) {
                sample(out, name, m.labels(), value(m.metric()));
            }
            if (!folded.isEmpty()) {
                sample(out, name, otherLabels(folded.get(0).labels()),
                        folded.stream().map(m -> value(m.metric())).filter(v -> v != null).mapToDouble(Double::doubleValue).sum());
            }
        }
    }

    private static void header(Writer out, String family, String type, String registryName) throws IOException {
        out.write("# HELP " + family + " " + escapeHelp(MetricNames.base(registryName)) + " (Dropwizard " + type + ")\n");
        out.write("# TYPE " + family + " " + type + "\n");
    }

    private static void writeSummary(String family, Map<String, String> labels, Metric metric, Writer out) throws IOException {
        boolean timer = metric instanceof Timer;
        Snapshot snapshot = timer ? ((Timer) metric).getSnapshot() : ((Histogram) metric).getSnapshot();
        double scale = timer ? 1.0 / TimeUnit.SECONDS.toNanos(1) : 1.0;
        for (double q : QUANTILES) {
            Map<String, String> withQuantile = new LinkedHashMap<>(labels);
            withQuantile.put("quantile", Double.toString(q));
            sample(out, family, withQuantile, snapshot.getValue(q) * scale);
        }
        sample(out, family + "_count", labels, count(metric));
    }

    /** A label set whose every value is {@code other}: what was folded before it reached this writer. */
    private static boolean isOther(Member m) {
        return !m.labels().isEmpty() && m.labels().values().stream().allMatch(OTHER::equals);
    }

    /** How busy a metric is, for choosing which label sets to keep. */
    private static double weight(Metric metric) {
        if (metric instanceof Meter) {
            return ((Meter) metric).getCount();
        }
        if (metric instanceof Timer || metric instanceof Histogram) {
            return count(metric);
        }
        Double value = value(metric);
        return value == null ? 0 : Math.abs(value);
    }

    private static long count(Metric metric) {
        return metric instanceof Timer ? ((Timer) metric).getCount() : ((Histogram) metric).getCount();
    }

    private static Double value(Metric metric) {
        if (metric instanceof Counter) {
            return (double) ((Counter) metric).getCount();
        }
        if (metric instanceof Gauge) {
            Object v;
            try {
                v = ((Gauge<?>) metric).getValue();
            } catch (RuntimeException e) {
                return null; // a gauge whose source went away
            }
            if (v instanceof Number) {
                return ((Number) v).doubleValue();
            }
            if (v instanceof Boolean) {
                return (Boolean) v ? 1.0 : 0.0;
            }
        }
        return null;
    }

    private static Map<String, String> otherLabels(Map<String, String> example) {
        Map<String, String> other = new LinkedHashMap<>();
        example.keySet().forEach(k -> other.put(k, OTHER));
        return other;
    }

    private static void sample(Writer out, String name, Map<String, String> labels, double value) throws IOException {
        out.write(name);
        if (!labels.isEmpty()) {
            out.write('{');
            boolean firstLabel = true;
            for (Map.Entry<String, String> l : labels.entrySet()) {
                out.write((firstLabel ? "" : ",") + sanitizeLabel(l.getKey()) + "=\"" + escape(l.getValue()) + "\"");
                firstLabel = false;
            }
            out.write('}');
        }
        out.write(' ');
        out.write(format(value));
        out.write('\n');
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }

    /** A valid metric name: [a-zA-Z_:][a-zA-Z0-9_:]*. */
    static String sanitize(String name) {
        String s = name.replaceAll("[^a-zA-Z0-9_:]", "_");
        return Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    private static String sanitizeLabel(String name) {
        String s = name.replaceAll("[^a-zA-Z0-9_]", "_");
        return Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    private static String escapeHelp(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
