package io.memtune.template.internal;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.memtune.api.template.CacheTier;
import io.memtune.api.template.TemplateInfo;
import io.memtune.api.template.TemplateService;

/** {@code memtune:templates [tenant]} and {@code memtune:render <tenant> <template> [json]}. */
@Component(service = TemplateCommands.class, property = {
        "osgi.command.scope=memtune",
        "osgi.command.function=templates",
        "osgi.command.function=render" })
public final class TemplateCommands {

    private final TemplateService templates;

    @Activate
    public TemplateCommands(@Reference TemplateService templates) {
        this.templates = templates;
    }

    @Descriptor("lists the tenants with their template count and cache use, then the cache tiers")
    public String templates() {
        StringBuilder out = new StringBuilder(String.format("%-24s %9s %9s %14s %7s%n", "TENANT", "TEMPLATES",
                "COMPILED", "EST. BYTES", "ERRORS"));
        // tenant by tenant: the listing of every page at once was a million TemplateInfo objects at 50,000 tenants
        for (String tenant : templates.tenants()) {
            List<TemplateInfo> mine = templates.templates(tenant);
            out.append(String.format("%-24s %9d %9d %14d %7d%n", tenant, mine.size(),
                    mine.stream().filter(t -> "memory".equals(t.tier())).count(),
                    mine.stream().mapToLong(TemplateInfo::estimatedBytes).sum(),
                    mine.stream().filter(t -> t.lastError() != null).count()));
        }
        return out.append('\n').append(tiers()).toString().stripTrailing();
    }

    @Descriptor("lists one tenant's templates: where each comes from, its size, cache tier and last compile error")
    public String templates(@Descriptor("the tenant") String tenant) {
        StringBuilder out = new StringBuilder(String.format("%-32s %-8s %9s %12s %-7s %s%n", "TEMPLATE", "FROM",
                "BYTES", "EST. BYTES", "TIER", "LAST ERROR"));
        for (TemplateInfo t : templates.templates(tenant)) {
            out.append(String.format("%-32s %-8s %9d %12d %-7s %s%n", t.name(), t.source(), t.sourceBytes(),
                    t.estimatedBytes(), t.tier(), t.lastError() == null ? "-" : t.lastError()));
        }
        return out.toString().stripTrailing();
    }

    @Descriptor("renders a template with the empty context {}, for a quick try")
    public String render(@Descriptor("the tenant") String tenant,
            @Descriptor("the template, e.g. welcome.html") String template) {
        return render(tenant, template, "{}");
    }

    @Descriptor("renders a template with a JSON context, for a quick try")
    public String render(@Descriptor("the tenant") String tenant,
            @Descriptor("the template, e.g. welcome.html") String template,
            @Descriptor("the context as a JSON object, e.g. '{\"name\":\"Ada\"}'") String json) {
        StringWriter out = new StringWriter();
        templates.renderJson(tenant, template, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString();
    }

    private String tiers() {
        StringBuilder out = new StringBuilder(String.format("%-8s %8s %14s %14s %10s %10s %10s%n", "TIER", "ENTRIES",
                "BYTES", "BUDGET", "HITS", "MISSES", "EVICTIONS"));
        for (CacheTier t : templates.cacheTiers()) {
            out.append(String.format("%-8s %8d %14d %14d %10d %10d %10d%n", t.name(), t.entries(), t.estimatedBytes(),
                    t.maxBytes(), t.hits(), t.misses(), t.evictions()));
        }
        return out.append("mode: ").append(templates.mode()).toString();
    }
}
