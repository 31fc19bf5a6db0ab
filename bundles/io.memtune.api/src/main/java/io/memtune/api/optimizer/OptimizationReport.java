package io.memtune.api.optimizer;

import java.util.List;

/**
 * What the optimizer does to the templates compiled now.
 *
 * @param templates compiled templates
 * @param sourceBytes the distinct template texts (the floor), in characters
 * @param baselineBytes Mustache.java's estimate for the same templates
 * @param optimizedBytes the optimizer's form, shared structure counted once
 * @param savings what each optimization saves, in order: the bytes it takes off the step before it
 * @param passes the passes and their failures
 */
public record OptimizationReport(int templates, long sourceBytes, long baselineBytes, long optimizedBytes,
        List<Saving> savings, List<PassStatus> passes) {

    public OptimizationReport {
        savings = List.copyOf(savings);
        passes = List.copyOf(passes);
    }

    /** The optimized heap over the floor of the unique template text. */
    public double ratioToSource() {
        return sourceBytes == 0 ? 0 : (double) optimizedBytes / sourceBytes;
    }

    /**
     * @param step the optimization, e.g. {@code compact}
     * @param bytesAfter the estimate with it and every step before it
     * @param saved bytes it took off
     */
    public record Saving(String step, long bytesAfter, long saved) {
    }
}
