package io.memtune.optimizer.internal;

import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.memtune.api.optimizer.Optimizer;
import io.memtune.api.optimizer.TemplateMemory;

/** {@code memtune:template-memory [--top N]} (hyphenated: its own component with {@code _main}). */
@Component(service = TemplateMemoryCommand.class, property = {
        "osgi.command.scope=memtune",
        "osgi.command.function=template-memory" })
public final class TemplateMemoryCommand {

    private final Optimizer optimizer;

    @Activate
    public TemplateMemoryCommand(@Reference Optimizer optimizer) {
        this.optimizer = optimizer;
    }

    @Descriptor("lists the templates that cost the most heap: source, Mustache.java's estimate, optimized (shared"
            + " structure counted at the first template that uses it)")
    public String _main(
            @Descriptor("how many templates to list")
            @Parameter(names = "--top", absentValue = "20") int top,
            @Descriptor("the command's name (given by the shell)") String command) {
        if (top < 1) {
            throw new IllegalArgumentException("--top must be at least 1, not " + top);
        }
        List<TemplateMemory> memory = optimizer.templateMemory(top);
        if (memory.isEmpty()) {
            return "no template compiled by the optimizer yet";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-32s %10s %12s %10s%n", "tenant/template", "source",
                "mustache.java", "optimized"));
        for (TemplateMemory m : memory) {
            out.append(String.format(Locale.ROOT, "%-32s %10s %12s %10s%n", m.tenant() + "/" + m.template(),
                    OptimizeCommand.bytes(m.sourceBytes()), OptimizeCommand.bytes(m.baselineBytes()),
                    OptimizeCommand.bytes(m.optimizedBytes())));
        }
        return out.toString().stripTrailing();
    }
}
