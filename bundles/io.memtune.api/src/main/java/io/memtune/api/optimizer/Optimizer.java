package io.memtune.api.optimizer;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The template memory optimizer: its passes, and what it saves. */
@ProviderType
public interface Optimizer {

    /** The figures for every template compiled now, with what each optimization step saves. */
    OptimizationReport report();

    /** The templates that cost most, optimized bytes first. */
    List<TemplateMemory> templateMemory(int top);

    List<PassStatus> passes();
}
