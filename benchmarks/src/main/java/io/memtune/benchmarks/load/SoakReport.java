package io.memtune.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a soak writes: {@code soak-report.md} for people, {@code soak-report.json} for tools (the same figures,
 * every sample included), and one summary line for the test's output.
 */
final class SoakReport {

    /** Everything a report is made of. */
    record Contents(SoakPlan plan, List<String> flags, int pages, SoakVerdict verdict, List<SoakSample> samples, List<String> missedSamples) {
    }

    private static final double MB = 1048576;

    private SoakReport() {
    }

    static void write(Path dir, Contents c) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("soak-report.md"), markdown(c));
        String json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(c));
        Files.writeString(dir.resolve("soak-report.json"), json + "\n");
    }

    /** One line: the verdict and the figures it rests on. */
    static String summary(Contents c) {
        SoakVerdict v = c.verdict();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "soak %s: %.1f min at %d users, %d samples", v.passed() ? "PASSED"
                : "FAILED", c.plan().length().toSeconds() / 60.0, c.plan().users(), v.samples()));
        if (v.heap() != null) {
            double held = v.heap().rateHeldSlopeBytesPerMinute() / 1024;
            line.append(String.format(Locale.ROOT, "; live heap after GC %.1f -> %.1f MB, slope %+.0f KB/min (%s)", v.heap().startBytes() / MB,
                    v.heap().endBytes() / MB, v.heap().slopeBytesPerMinute() / 1024, Double.isFinite(held)
                            ? String.format(Locale.ROOT, "%+.0f at a constant request rate", held) : "the request rate moved with time"));
        }
        for (SoakTrends.Count count : v.counts()) {
            line.append(String.format(Locale.ROOT, "; %s %d -> %d", count.name(), count.start(), count.end()));
        }
        line.append("; reloads verified");
        for (ReloadCount r : v.reloads()) {
            line.append(String.format(Locale.ROOT, " %s %d/%d", r.kind().name().toLowerCase(Locale.ROOT), r.verified(), r.done()));
        }
        line.append(String.format(Locale.ROOT, "; requests %d, 503 %d, failed %d", v.load().requests(),
                v.load().byStatus().getOrDefault(SoakVerdict.DOCUMENTED_REFUSAL, 0L), v.failedRequests()));
        v.failures().forEach(f -> line.append("\n  - ").append(f));
        return line.toString();
    }

    static String markdown(Contents c) {
        SoakPlan p = c.plan();
        SoakLimits l = p.limits();
        SoakVerdict v = c.verdict();
        StringBuilder md = new StringBuilder();
        md.append("# Soak ").append(LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS)).append(": ").append(v.passed() ? "passed" : "FAILED")
                .append("\n\n");
        v.failures().forEach(f -> md.append("- **").append(f).append("**\n"));
        md.append(String.format(Locale.ROOT, "%n%.1f min, %d closed-loop users (think %d ms) over %d pages, optimized mode; a reload cycle"
                + " every %.1f s (a page edited, a configuration value changed%s; every 4th cycle a template added or removed); a sample every"
                + " %.1f s; the first %.0f s are warm-up. Server flags: `%s`.%n%n", p.length().toSeconds() / 60.0, p.users(), p.think().toMillis(),
                c.pages(), p.reloadEvery().toMillis() / 1000.0, p.reloadTemplateCache() ? ": the executor's, the template cache's in turn"
                : ": the executor's", p.sampleEvery().toMillis() / 1000.0, p.warmUp().toMillis() / 1000.0,
                String.join(" ", c.flags())));
        md.append("| figure | measured | limit |\n|---|---|---|\n");
        if (v.heap() != null) {
            boolean held = Double.isFinite(v.heap().rateHeldSlopeBytesPerMinute());
            md.append(String.format(Locale.ROOT, "| live heap after GC, slope after the warm-up %s | %+.0f KB/min | %.0f KB/min |%n", held
                    ? "with the request rate of the minute before each sample held constant" : "(plain: the request rate moved with time, the"
                            + " two cannot be told apart)", v.heap().judgedSlopeBytesPerMinute() / 1024, l.heapSlopeKbPerMinute()));
            md.append(String.format(Locale.ROOT, "| live heap after GC, plain least-squares slope after the warm-up | %+.0f KB/min | |%n",
                    v.heap().slopeBytesPerMinute() / 1024));
            md.append(String.format(Locale.ROOT, "| live heap after GC, end less start (medians of %d)%s | %.1f -> %.1f MB: %+.1f MB%s | %.1f MB |%n",
                    SoakTrends.END_SAMPLES, held ? ", judged with the request rate held constant" : "", v.heap().startBytes() / MB,
                    v.heap().endBytes() / MB, v.heap().growthBytes() / MB, held ? String.format(Locale.ROOT, " (rate held: %+.1f MB)",
                            v.heap().rateHeldGrowthBytes() / MB) : "", l.heapGrowthMb()));
        }
        long[] slack = {l.threads(), l.openFiles(), l.classes(), l.classLoaders()};
        for (int i = 0; i < v.counts().size(); i++) {
            SoakTrends.Count count = v.counts().get(i);
            md.append(String.format(Locale.ROOT, "| %s after the warm-up, end less start (least of the last %d, most of the first) |"
                    + " %d -> %d: %+d (slope %+.1f/min) | +%d |%n", count.name(), SoakTrends.END_SAMPLES, count.start(), count.end(),
                    count.growth(), count.slopePerMinute(), slack[i]));
        }
        if (v.heap() != null) {
            // resident memory is read, not judged: it grows as the JVM first touches its fixed heap, its code cache, metaspace
            SoakTrends.Count rss = SoakTrends.count("RSS", c.samples(), p.warmUp().toMillis() / 1000.0, SoakSample::rssBytes);
            md.append(String.format(Locale.ROOT, "| resident memory after the warm-up (read, not judged) | %.0f -> %.0f MB (slope %+.2f MB/min) |"
                    + " |%n", rss.start() / MB, rss.end() / MB, rss.slopePerMinute() / MB));
        }
        md.append(String.format(Locale.ROOT, "| requests failed (not 200, not 503) | %d of %d (503: %d) | 0 |%n", v.failedRequests(),
                v.load().requests(), v.load().byStatus().getOrDefault(SoakVerdict.DOCUMENTED_REFUSAL, 0L)));
        md.append(String.format(Locale.ROOT, "%nLoad: %s.%n%n", v.load().toText()));
        md.append("| reload | made | seen in force | median s | longest s | first not seen |\n|---|---|---|---|---|---|\n");
        for (ReloadCount r : v.reloads()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f | %s |%n", r.kind().name().toLowerCase(Locale.ROOT), r.done(),
                    r.verified(), r.medianSeconds(), r.maxSeconds(), r.firstFailure() == null ? "" : r.firstFailure()));
        }
        md.append(String.format(Locale.ROOT, "%n%d reload cycles. Samples (live heap: the bytes a class histogram counts after its full"
                + " collection; reflection loaders: the JDK's, counted apart, see SoakSample):%n%n| s | live heap MB | threads | open files"
                + " | classes | class loaders | reflection loaders | RSS MB | requests in the minute before |%n"
                + "|---|---|---|---|---|---|---|---|---|%n", v.cycles()));
        for (SoakSample s : c.samples()) {
            md.append(String.format(Locale.ROOT, "| %.0f | %.2f | %d | %d | %d | %d | %d | %.0f | %d |%n", s.second(), s.liveHeapBytes() / MB,
                    s.threads(), s.openFiles(), s.classes(), s.classLoaders(), s.reflectionLoaders(), s.rssBytes() / MB, s.requestsLastMinute()));
        }
        if (!c.missedSamples().isEmpty()) {
            md.append("\nSamples not taken:\n\n");
            c.missedSamples().forEach(m -> md.append("- ").append(m).append('\n'));
        }
        return md.toString();
    }

    static Map<String, Object> json(Contents c) {
        SoakPlan p = c.plan();
        SoakVerdict v = c.verdict();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("generated", LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        json.put("passed", v.passed());
        json.put("failures", v.failures());
        json.put("plan", SummaryJson.map("minutes", p.length().toSeconds() / 60.0, "users", p.users(), "think_ms", p.think().toMillis(),
                "reload_every_s", p.reloadEvery().toMillis() / 1000.0, "sample_every_s", p.sampleEvery().toMillis() / 1000.0, "warmup_s",
                p.warmUp().toMillis() / 1000.0,
                "reload_template_cache", p.reloadTemplateCache(),
                "pages", c.pages(), "flags", c.flags()));
        json.put("limits", p.limits());
        if (v.heap() != null) {
            json.put("heap", SummaryJson.map("start_bytes", v.heap().startBytes(), "end_bytes", v.heap().endBytes(), "growth_bytes",
                    v.heap().growthBytes(), "slope_bytes_per_minute", SummaryJson.num(v.heap().slopeBytesPerMinute()),
                    "rate_held_slope_bytes_per_minute", SummaryJson.num(v.heap().rateHeldSlopeBytesPerMinute()),
                    "rate_held_growth_bytes", SummaryJson.num(v.heap().rateHeldGrowthBytes()),
                    "judged_growth_bytes", SummaryJson.num(v.heap().judgedGrowthBytes()),
                    "judged_slope_bytes_per_minute", SummaryJson.num(v.heap().judgedSlopeBytesPerMinute())));
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        v.counts().forEach(count -> counts.put(count.name(), SummaryJson.map("start", count.start(), "end", count.end(), "growth",
                count.growth(), "slope_per_minute", SummaryJson.num(count.slopePerMinute()))));
        json.put("counts", counts);
        json.put("requests", SummaryJson.map("answered", v.load().requests(), "per_second", v.load().throughput(), "p99_ms",
                v.load().p99Millis(), "by_status", v.load().byStatus(), "failed", v.failedRequests()));
        Map<String, Object> reloads = new LinkedHashMap<>();
        v.reloads().forEach(r -> reloads.put(r.kind().name().toLowerCase(Locale.ROOT), SummaryJson.map("done", r.done(), "verified",
                r.verified(), "median_s", SummaryJson.num(r.medianSeconds()), "max_s", SummaryJson.num(r.maxSeconds()), "first_failure",
                r.firstFailure())));
        json.put("reloads", reloads);
        json.put("cycles", v.cycles());
        json.put("samples", c.samples());
        json.put("missed_samples", c.missedSamples());
        return json;
    }
}
