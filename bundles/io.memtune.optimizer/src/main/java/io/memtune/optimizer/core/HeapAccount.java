package io.memtune.optimizer.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.memtune.api.optimizer.OptimizationReport;
import io.memtune.api.template.TemplateFootprint;
import io.memtune.api.template.TemplateFootprint.Scale;

/**
 * Everything the templates hold in the heap, by part and by what each part grows with: the optimizer's compiled
 * structure and its own entries, and what the template service holds per page and tenant (keys, cache entries, the
 * disk tier's index, the watcher's file states, per-tenant metrics). What {@code memtune:template-memory} and
 * {@code bin/memtune analyze} print, and what {@code TemplateFootprintIT} holds to the container's class histogram.
 *
 * @param pages pages compiled (or indexed, when more)
 * @param tenants tenants they belong to
 * @param distinctText the distinct template text behind them, in characters
 * @param parts what holds the heap
 * @param serviceIncluded whether the template service's parts are in (false: it was not there to ask)
 */
public record HeapAccount(long pages, long tenants, long distinctText, List<TemplateFootprint.Part> parts,
        boolean serviceIncluded) {

    public HeapAccount {
        parts = List.copyOf(parts);
    }

    /**
     * @param report the optimizer's report
     * @param service the template service's footprint, or null without one (its compiled part, the engine's
     *     per-entry estimate, is replaced by the report's figures)
     */
    public static HeapAccount of(OptimizationReport report, TemplateFootprint service) {
        List<TemplateFootprint.Part> parts = new ArrayList<>();
        long pageEntries = Math.min(report.bookkeepingBytes(), report.templates() * MemoryEstimator.PAGE_ENTRY);
        parts.add(new TemplateFootprint.Part(TemplateFootprint.COMPILED, Scale.CONTENT, report.templates(),
                report.optimizedBytes(), "the optimizer's compiled structure, what pages share counted once"));
        parts.add(new TemplateFootprint.Part("optimizer-pages", Scale.PAGE, report.templates(), pageEntries,
                "each page's compiled holder (tenant, name, shared root) and the report's reference to it"));
        parts.add(new TemplateFootprint.Part("optimizer-store", Scale.CONTENT, 0, report.bookkeepingBytes() - pageEntries,
                "the entries of the shared fragments' store and of the interned texts, names and name sets"));
        long pages = report.templates();
        long tenants = 0;
        if (service != null) {
            service.parts().stream().filter(p -> !TemplateFootprint.COMPILED.equals(p.name())).forEach(parts::add);
            pages = Math.max(pages, service.pages());
            tenants = service.tenants();
        }
        return new HeapAccount(pages, tenants, report.sourceBytes(), parts, service != null);
    }

    public long total() {
        return parts.stream().mapToLong(TemplateFootprint.Part::bytes).sum();
    }

    public long bytes(Scale scale) {
        return parts.stream().filter(p -> p.scale() == scale).mapToLong(TemplateFootprint.Part::bytes).sum();
    }

    /**
     * What a page costs whatever its content, when it is compiled: one of each per-page part (its key, memory tier
     * entry, compiled holder, file state), each part's bytes over its own count (not every page found is compiled).
     */
    public long perPage() {
        return perEntry(Scale.PAGE);
    }

    /** What a tenant costs besides its pages: one of each per-tenant part, and its share of the budgeted metrics. */
    public long perTenant() {
        return perEntry(Scale.TENANT) + (tenants == 0 ? 0 : bytes(Scale.BUDGET) / tenants);
    }

    private long perEntry(Scale scale) {
        return parts.stream().filter(p -> p.scale() == scale && p.count() > 0).mapToLong(p -> p.bytes() / p.count()).sum();
    }

    /** The parts that grow with the distinct content over that content: the floor is 1. */
    public double contentRatio() {
        return distinctText == 0 ? 0 : (double) bytes(Scale.CONTENT) / distinctText;
    }

    /** A summary line and a line per part. */
    public String format() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "the templates hold %s for %d pages of %d tenants: %s with their %s of distinct text (%.1fx), %d B a page,"
                        + " %d B a tenant%n", size(total()), pages, tenants, size(bytes(Scale.CONTENT)), size(distinctText),
                contentRatio(), perPage(), perTenant()));
        for (TemplateFootprint.Part p : parts) {
            out.append(String.format(Locale.ROOT, "  %-18s %-8s %10s  %s%n", p.name(), p.scale().name().toLowerCase(Locale.ROOT),
                    size(p.bytes()), p.what()));
        }
        if (!serviceIncluded) {
            out.append("  (the template service's own entries are not in: it is not running)\n");
        }
        return out.toString();
    }

    static String size(long bytes) {
        return bytes < 10 * 1024 ? bytes + " B" : bytes < 10L << 20 ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
