package io.memtune.api.optimizer;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** The template memory optimizer: its passes, and what it saves. */
@ProviderType
public interface Optimizer {

    /** The figures for every template compiled now, with what each optimization step saves. */
    OptimizationReport report();

    /** The templates that cost most, optimized bytes first. */
    List<TemplateMemory> templateMemory(int top);

    List<PassStatus> passes();

    /**
     * Which names a compiled template reads, and against a sample context which data it never reads and
     * which names it misses.
     *
     * @throws IllegalArgumentException when the optimizer holds no compiled form of it (render it first)
     */
    VariableReport variables(String tenant, String template, Map<String, ?> sample);
}
