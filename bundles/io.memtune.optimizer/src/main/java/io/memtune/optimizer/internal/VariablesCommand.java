package io.memtune.optimizer.internal;

import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.memtune.api.optimizer.Optimizer;
import io.memtune.api.optimizer.VariableReport;

/** {@code memtune:variables <tenant> <template> [sample-json]}. */
@Component(service = VariablesCommand.class, property = {
        "osgi.command.scope=memtune",
        "osgi.command.function=variables" })
public final class VariablesCommand {

    private final Optimizer optimizer;
    private final ObjectMapper json = new ObjectMapper();

    @Activate
    public VariablesCommand(@Reference Optimizer optimizer) {
        this.optimizer = optimizer;
    }

    @Descriptor("the names a compiled template can read; with a sample context, the data it never reads and the"
            + " names the sample lacks")
    public String variables(@Descriptor("the tenant") String tenant, @Descriptor("the template, e.g. page.html") String template) {
        return variables(tenant, template, "{}");
    }

    @Descriptor("the names a compiled template can read; with a sample context, the data it never reads and the"
            + " names the sample lacks")
    @SuppressWarnings("unchecked")
    public String variables(@Descriptor("the tenant") String tenant, @Descriptor("the template, e.g. page.html") String template,
            @Descriptor("a sample context, a JSON object") String sample) {
        Map<String, Object> context;
        try {
            Object parsed = json.readValue(sample, Object.class);
            if (!(parsed instanceof Map)) {
                throw new IllegalArgumentException("the sample must be a JSON object");
            }
            context = (Map<String, Object>) parsed;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the sample is not JSON: " + e.getOriginalMessage());
        }
        VariableReport r = optimizer.variables(tenant, template, context);
        if (r.reads().isEmpty()) {
            return tenant + "/" + template + " prints {{.}}: it can read anything";
        }
        return tenant + "/" + template + " reads: " + String.join(", ", new java.util.TreeSet<>(r.reads()))
                + (sample.equals("{}") ? "" : "\nunused in the sample: " + (r.unused().isEmpty() ? "none" : String.join(", ",
                        new java.util.TreeSet<>(r.unused()))) + "\nmissing from the sample: " + (r.missing().isEmpty() ? "none"
                                : String.join(", ", new java.util.TreeSet<>(r.missing()))));
    }
}
