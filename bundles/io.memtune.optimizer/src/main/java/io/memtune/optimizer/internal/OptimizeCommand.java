package io.memtune.optimizer.internal;

import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

import io.memtune.api.optimizer.OptimizationReport;
import io.memtune.api.optimizer.Optimizer;
import io.memtune.api.optimizer.PassStatus;
import io.memtune.api.template.TemplateService;

/** {@code memtune:optimize [--dry-run]}. */
@Component(service = OptimizeCommand.class, property = {
        "osgi.command.scope=memtune",
        "osgi.command.function=optimize" })
public final class OptimizeCommand {

    private final Optimizer optimizer;
    private final TemplateService templates;

    @Activate
    public OptimizeCommand(@Reference Optimizer optimizer,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL) TemplateService templates) {
        this.optimizer = optimizer;
        this.templates = templates;
    }

    @Descriptor("reports what each optimization saves on the templates compiled now; without --dry-run also drops"
            + " the compiled templates so that each recompiles with the passes of now on its next use")
    public String optimize(
            @Descriptor("only report; recompile nothing")
            @Parameter(names = "--dry-run", presentValue = "true", absentValue = "false") boolean dryRun) {
        OptimizationReport r = optimizer.report();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%d templates compiled: source %s, Mustache.java (estimate) %s, optimized %s (%.1fx the source) and %s of"
                        + " the optimizer's entries (memtune:template-memory: everything per page and tenant)%n",
                r.templates(), bytes(r.sourceBytes()), bytes(r.baselineBytes()), bytes(r.optimizedBytes()), r.ratioToSource(),
                bytes(r.bookkeepingBytes())));
        for (OptimizationReport.Saving s : r.savings()) {
            out.append(String.format(Locale.ROOT, "  %-36s %12s  saves %s%n", s.step(), bytes(s.bytesAfter()), bytes(s.saved())));
        }
        out.append("passes:\n");
        for (PassStatus p : r.passes()) {
            out.append(String.format(Locale.ROOT, "  %-20s %-28s %s  rewrote %d, failed %d%s%n", p.name(), p.origin(),
                    p.enabled() ? "on " : "off", p.applied(), p.failures(), p.lastFailure() == null ? "" : " (last: "
                            + p.lastFailure() + ")"));
        }
        if (!dryRun) {
            if (templates == null) {
                out.append("the template service is not running: nothing to recompile");
            } else {
                out.append("dropped ").append(templates.evictCache("memory"))
                        .append(" compiled templates: each recompiles with the passes of now on its next use");
            }
        }
        return out.toString().stripTrailing();
    }

    static String bytes(long bytes) {
        return bytes < 10_000 ? bytes + " B" : bytes < 10_000_000 ? (bytes >> 10) + " KB" : (bytes >> 20) + " MB";
    }
}
