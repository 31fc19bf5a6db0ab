package io.memtune.optimizer.internal;

import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.memtune.api.optimizer.Optimizer;
import io.memtune.api.optimizer.TemplateMemory;
import io.memtune.api.template.TemplateService;
import io.memtune.optimizer.core.HeapAccount;

/**
 * {@code memtune:template-memory [--top N] [--by-tenant]} (hyphenated: its own component with {@code _main}): what
 * the templates hold in the heap, by part (the optimizer's and, while the template service runs, the service's own
 * per page and tenant), then the costliest templates or tenants.
 *
 * <p>Degraded: without the template service only the optimizer's parts are listed, and the listing says so.
 */
@Component(service = TemplateMemoryCommand.class, property = {
        "osgi.command.scope=memtune",
        "osgi.command.function=template-memory" })
public final class TemplateMemoryCommand {

    private final Optimizer optimizer;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TemplateService templates;

    @Activate
    public TemplateMemoryCommand(@Reference Optimizer optimizer) {
        this.optimizer = optimizer;
    }

    @Descriptor("what the templates hold in the heap by part (compiled structure, the optimizer's and the template"
            + " service's entries per page and tenant), then the templates that cost the most: source, Mustache.java's"
            + " estimate, optimized (shared structure counted at the first template that uses it, with each page's own"
            + " entry); options: --top N (default 20), --by-tenant")
    public String _main(@Descriptor("the command's name (given by the shell)") String command,
            @Descriptor("--top N: how many templates (or tenants) to list; --by-tenant: sums per tenant") String... options) {
        // a hyphenated command gets its name as the first argument, so Gogo's @Parameter options cannot
        // precede it: the options are read here
        int top = 20;
        boolean byTenant = false;
        for (int i = 0; i < options.length; i++) {
            if (options[i].equals("--by-tenant")) {
                byTenant = true;
            } else if (options[i].equals("--top") && i + 1 < options.length) {
                try {
                    top = Integer.parseInt(options[++i]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--top takes a number, not '" + options[i] + "'");
                }
            } else {
                throw new IllegalArgumentException("unknown option '" + options[i] + "' (known: --top N, --by-tenant)");
            }
        }
        if (top < 1) {
            throw new IllegalArgumentException("--top must be at least 1, not " + top);
        }
        List<TemplateMemory> memory = byTenant ? perTenant(optimizer.templateMemory(Integer.MAX_VALUE), top)
                : optimizer.templateMemory(top);
        if (memory.isEmpty()) {
            return "no template compiled by the optimizer yet";
        }
        TemplateService service = templates;
        StringBuilder out = new StringBuilder(HeapAccount.of(optimizer.report(), service == null ? null : service.footprint())
                .format());
        out.append(String.format(Locale.ROOT, "%-32s %10s %12s %10s%n", byTenant ? "tenant" : "tenant/template", "source",
                "mustache.java", "optimized"));
        for (TemplateMemory m : memory) {
            out.append(String.format(Locale.ROOT, "%-32s %10s %12s %10s%n", m.tenant() + (byTenant ? "" : "/" + m.template()),
                    OptimizeCommand.bytes(m.sourceBytes()), OptimizeCommand.bytes(m.baselineBytes()),
                    OptimizeCommand.bytes(m.optimizedBytes())));
        }
        return out.toString().stripTrailing();
    }

    /** Sums per tenant (template: how many), costliest first. */
    static List<TemplateMemory> perTenant(List<TemplateMemory> templates, int top) {
        java.util.Map<String, long[]> sums = new java.util.TreeMap<>();
        for (TemplateMemory m : templates) {
            long[] sum = sums.computeIfAbsent(m.tenant(), t -> new long[4]);
            sum[0] += m.sourceBytes();
            sum[1] += m.baselineBytes();
            sum[2] += m.optimizedBytes();
            sum[3]++;
        }
        return sums.entrySet().stream()
                .map(e -> new TemplateMemory(e.getKey(), e.getValue()[3] + " templates", e.getValue()[0], e.getValue()[1],
                        e.getValue()[2]))
                .sorted(java.util.Comparator.comparingLong(TemplateMemory::optimizedBytes).reversed()).limit(top).toList();
    }
}
