package io.memtune.api.optimizer;

import java.util.List;

/**
 * What the optimizer does to the templates compiled now.
 *
 * @param templates compiled templates
 * @param sourceBytes the distinct template texts (the floor), in characters
 * @param baselineBytes Mustache.java's estimate for the same templates
 * @param optimizedBytes the optimizer's compiled structure, shared structure counted once
 * @param savings what each optimization saves, in order: the bytes it takes off the step before it
 * @param passes the passes and their failures
 * @param bookkeepingBytes (1.2) what the optimizer holds besides that structure: each page's own entry (its
 *     compiled holder and the report's reference to it), and the entries of the shared fragments' store and of the
 *     interners. What the template service holds per page and tenant is its own
 *     ({@code TemplateService.footprint()}).
 */
public record OptimizationReport(int templates, long sourceBytes, long baselineBytes, long optimizedBytes,
        List<Saving> savings, List<PassStatus> passes, long bookkeepingBytes) {

    public OptimizationReport {
        savings = List.copyOf(savings);
        passes = List.copyOf(passes);
    }

    /** Without the bookkeeping (before 1.2). */
    public OptimizationReport(int templates, long sourceBytes, long baselineBytes, long optimizedBytes,
            List<Saving> savings, List<PassStatus> passes) {
        this(templates, sourceBytes, baselineBytes, optimizedBytes, savings, passes, 0);
    }

    /** The compiled structure over the floor of the unique template text. */
    public double ratioToSource() {
        return sourceBytes == 0 ? 0 : (double) optimizedBytes / sourceBytes;
    }

    /** (1.2) Everything the optimizer holds: structure and bookkeeping. */
    public long heapBytes() {
        return optimizedBytes + bookkeepingBytes;
    }

    /**
     * @param step the optimization, e.g. {@code compact}
     * @param bytesAfter the estimate with it and every step before it
     * @param saved bytes it took off
     */
    public record Saving(String step, long bytesAfter, long saved) {
    }
}
