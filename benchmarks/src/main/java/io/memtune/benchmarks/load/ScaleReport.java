package io.memtune.benchmarks.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tenant-scale benchmark's figures: per run a line, per size a table with the acceptance figures (the
 * optimized live heap against plain Mustache.java's, and against 3x the distinct text + 300 B a page + 1 KB a tenant).
 */
final class ScaleReport {

    static final long PER_PAGE_ALLOWANCE = 300;
    static final long PER_TENANT_ALLOWANCE = 1024;
    static final long TEXT_FACTOR = 3;

    private ScaleReport() {
    }

    static long allowance(ScaleCorpus corpus) {
        return TEXT_FACTOR * corpus.distinctBytes() + PER_PAGE_ALLOWANCE * corpus.totalPages()
                + PER_TENANT_ALLOWANCE * corpus.tenants();
    }

    static String line(ScaleCorpus corpus, ScaleRun.Mode mode, ScaleRun.Result r, long baselineLive) {
        long added = r.liveHeapBytes() - baselineLive;
        return String.format(Locale.ROOT, "%s (memory tier %s): heap added %s, %d B a page and %d B a tenant beyond the text,"
                + " RSS %s (peak %s), render-once %.0f s, Zipf %,d requests %.0f s, memory tier hit ratio %.3f, %d failed,"
                + " %d full GCs%s", mode.name(), mb(mode.memoryTierBytes()), mb(added), beyond(corpus, added) / corpus.totalPages(),
                beyond(corpus, added) / corpus.tenants(), mb(r.rssBytes()), mb(r.peakRssBytes()), r.renderOnceSeconds(),
                r.zipfRequests(), r.zipfSeconds(), r.memoryHitRatio(), r.failures(), r.fullGcs(),
                r.templateMemoryBytes() < 0 ? "" : ", template-memory " + mb(r.templateMemoryBytes()));
    }

    static String table(ScaleCorpus corpus, List<ScaleRun.Result> results, Map<String, Long> empty,
            Map<String, ScaleRun.Mode> modes) {
        long plain = results.stream().filter(r -> r.mode().equals("plain"))
                .mapToLong(r -> r.liveHeapBytes() - empty.get("baselinefalse")).findFirst().orElse(-1);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n%,d tenants x %d pages, distinct text %s;"
                + " allowance 3x text + 300 B a page + 1 KB a tenant = %s%n", corpus.tenants(), corpus.pages(),
                mb(corpus.distinctBytes()), mb(allowance(corpus))));
        out.append("| mode | memory tier | heap added | / plain | / allowance | B a page beyond text | B a tenant beyond text"
                + " | RSS (peak) | Zipf hit ratio | evictions | reloads memory / disk | full GCs | template-memory / added |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ScaleRun.Result r : results) {
            ScaleRun.Mode mode = modes.get(r.mode());
            long added = r.liveHeapBytes() - empty.get(mode.serviceMode() + mode.partialsCached());
            String memory = "tier=\"memory\"";
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %d | %d | %s (%s) | %s | %.0f | %.0f / %.0f | %d | %s |%n",
                    r.mode(), mode.optimized() ? mb(mode.memoryTierBytes()) : "-", mb(added),
                    plain > 0 ? String.format(Locale.ROOT, "%.3f", (double) added / plain) : "-",
                    (double) added / allowance(corpus), beyond(corpus, added) / corpus.totalPages(),
                    beyond(corpus, added) / corpus.tenants(), mb(r.rssBytes()), mb(r.peakRssBytes()),
                    mode.optimized() ? String.format(Locale.ROOT, "%.3f", r.memoryHitRatio()) : "-",
                    r.zipf().get(memory, "evictions"), r.zipf().get(memory, "reloads"), r.zipf().get("tier=\"disk\"", "reloads"),
                    r.fullGcs(), r.templateMemoryBytes() < 0 ? "-"
                            : String.format(Locale.ROOT, "%.2f", (double) r.templateMemoryBytes() / added)));
        }
        return out.toString();
    }

    private static long beyond(ScaleCorpus corpus, long added) {
        return added - corpus.distinctBytes();
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
