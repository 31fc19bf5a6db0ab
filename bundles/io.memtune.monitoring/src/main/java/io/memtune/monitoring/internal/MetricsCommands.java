package io.memtune.monitoring.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;

import io.memtune.api.metrics.MetricHistory;
import io.memtune.monitoring.core.SeriesHistory;

/** {@code memtune:metrics [--filter text] [--watch [--count n]]}. */
@Component(service = MetricsCommands.class, property = {
        "osgi.command.scope=memtune",
        "osgi.command.function=metrics" })
public final class MetricsCommands {

    private final MetricRegistry registry;
    private final MetricHistory history;

    @Activate
    public MetricsCommands(@Reference MetricRegistry registry, @Reference MetricHistory history) {
        this.registry = registry;
        this.history = history;
    }

    @Descriptor("lists the metrics and their values; --watch prints the key series every resolution")
    public String metrics(CommandSession session,
            @Descriptor("only metrics whose name contains this text")
            @Parameter(names = "--filter", absentValue = "") String filter,
            @Descriptor("follow the key series (the history) instead of listing once")
            @Parameter(names = "--watch", presentValue = "true", absentValue = "false") boolean watch,
            @Descriptor("with --watch: how many samples to print")
            @Parameter(names = "--count", absentValue = "10") int count) throws InterruptedException {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1, not " + count);
        }
        if (watch) {
            watch(session.getConsole(), filter, count);
            return null;
        }
        Map<String, Metric> metrics = new TreeMap<>(registry.getMetrics());
        StringBuilder out = new StringBuilder();
        metrics.forEach((name, metric) -> {
            if (name.contains(filter)) {
                out.append(String.format(Locale.ROOT, "%-70s %-10s %s%n", name, metric.getClass().getSimpleName()
                        .replaceAll(".*\\$.*", "Gauge"), format(SeriesHistory.valueOf(metric))));
            }
        });
        return out.length() == 0 ? "no metric matches '" + filter + "'" : out.toString().stripTrailing();
    }

    private void watch(PrintStream console, String filter, int count) throws InterruptedException {
        List<String> names = history.seriesNames().stream().filter(n -> n.contains(filter)).toList();
        if (names.isEmpty()) {
            console.println("no series matches '" + filter + "' (kept: " + history.seriesNames() + ")");
            return;
        }
        for (int i = 0; i < count; i++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%tT", System.currentTimeMillis()));
            for (String name : names) {
                List<MetricHistory.Sample> samples = history.samples(name);
                double last = samples.isEmpty() ? Double.NaN : samples.get(samples.size() - 1).value();
                line.append("  ").append(shortName(name)).append('=').append(format(last));
            }
            console.println(line);
            console.flush();
            if (i + 1 < count) {
                Thread.sleep(history.resolution().toMillis());
            }
        }
    }

    private static String shortName(String name) {
        return name.startsWith("memtune.") ? name.substring("memtune.".length()) : name;
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4g", value);
    }
}
