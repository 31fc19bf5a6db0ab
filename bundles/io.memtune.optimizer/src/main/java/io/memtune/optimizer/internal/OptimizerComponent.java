package io.memtune.optimizer.internal;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.memtune.api.optimizer.OptimizationReport;
import io.memtune.api.optimizer.Optimizer;
import io.memtune.api.optimizer.PassStatus;
import io.memtune.api.optimizer.TemplateMemory;
import io.memtune.api.optimizer.VariableReport;
import io.memtune.optimizer.core.OptimizationReporter;

/** The {@link Optimizer} service: the memory report and the passes. */
@Component(service = Optimizer.class)
public final class OptimizerComponent implements Optimizer {

    private final OptimizationReporter reporter;

    @Activate
    public OptimizerComponent(@Reference OptimizerCore core) {
        this.reporter = core.reporter();
    }

    @Override
    public OptimizationReport report() {
        return reporter.report();
    }

    @Override
    public List<TemplateMemory> templateMemory(int top) {
        return reporter.top(top);
    }

    @Override
    public VariableReport variables(String tenant, String template, Map<String, ?> sample) {
        return reporter.variables(tenant, template, sample);
    }

    @Override
    public List<PassStatus> passes() {
        return reporter.report().passes();
    }
}
