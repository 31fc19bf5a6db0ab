package io.memtune.optimizer.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.memtune.api.optimizer.OptimizationReport;
import io.memtune.api.optimizer.TemplateMemory;
import io.memtune.api.optimizer.VariableReport;

/** The memory report over what the engine has compiled and is alive. */
public final class OptimizationReporter {

    private final CompileLedger ledger;
    private final PassPipeline pipeline;
    private final OptimizerSettings settings;

    public OptimizationReporter(CompileLedger ledger, PassPipeline pipeline, OptimizerSettings settings) {
        this.ledger = ledger;
        this.pipeline = pipeline;
        this.settings = settings;
    }

    /**
     * The steps: Mustache.java's estimate; the compact form with a private copy of every partial and parent
     * per template; then sharing and interning as configured (the actual figure, shared structure once).
     */
    public OptimizationReport report() {
        CompileLedger.Bookkeeping held = ledger.bookkeeping(settings.deduplicate());
        List<TemplateMemory> memory = held.rows();
        long source = held.sourceChars();
        long baseline = CompileLedger.sum(memory, TemplateMemory::baselineBytes);
        // the rows carry each page's own entry: the structure is the rest
        long optimized = CompileLedger.sum(memory, TemplateMemory::optimizedBytes) - held.pageEntries();
        long compactAlone = ledger.compactAloneBytes();
        List<OptimizationReport.Saving> savings = new ArrayList<>();
        savings.add(new OptimizationReport.Saving("mustache.java (estimate)", baseline, 0));
        if (settings.compact()) {
            savings.add(new OptimizationReport.Saving("compact form", compactAlone, baseline - compactAlone));
            String sharing = settings.share() && settings.deduplicate() ? "structural sharing + deduplication"
                    : settings.share() ? "structural sharing" : settings.deduplicate() ? "deduplication" : "nothing shared";
            savings.add(new OptimizationReport.Saving(sharing, optimized, compactAlone - optimized));
        }
        return new OptimizationReport(memory.size(), source, baseline, settings.compact() ? optimized : baseline, savings,
                pipeline.statuses(), held.pageEntries() + held.storeEntries());
    }

    /** @throws IllegalArgumentException when no compiled form of the template is alive */
    public VariableReport variables(String tenant, String template, Map<String, ?> sample) {
        return ledger.alive().stream().filter(t -> t.tenant.equals(tenant) && t.name.equals(template)).findFirst()
                .map(t -> VariableAnalysis.of(t, sample))
                .orElseThrow(() -> new IllegalArgumentException("the optimizer holds no compiled form of " + tenant + "/"
                        + template + ": render it first (or it went to Mustache.java's engine)"));
    }

    public List<TemplateMemory> top(int n) {
        List<TemplateMemory> memory = new ArrayList<>(ledger.memory());
        memory.sort(Comparator.comparingLong(TemplateMemory::optimizedBytes).reversed());
        return memory.subList(0, Math.min(Math.max(n, 0), memory.size()));
    }
}
