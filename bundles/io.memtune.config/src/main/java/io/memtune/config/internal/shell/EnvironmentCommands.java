package io.memtune.config.internal.shell;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.memtune.api.config.EffectiveProperty;
import io.memtune.api.config.EnvironmentService;
import io.memtune.api.config.EnvironmentStatus;

/** {@code memtune:env} and {@code memtune:config}. */
@Component(service = EnvironmentCommands.class, property = {
        "osgi.command.scope=memtune",
        "osgi.command.function=env",
        "osgi.command.function=config" })
public final class EnvironmentCommands {

    private final EnvironmentService environments;

    @Activate
    public EnvironmentCommands(@Reference EnvironmentService environments) {
        this.environments = environments;
    }

    @Descriptor("shows the active environment, its file, the environments available and the last reload")
    public String env() {
        EnvironmentStatus s = environments.status();
        StringBuilder out = new StringBuilder();
        out.append("environment   ").append(s.environment()).append('\n');
        out.append("file          ").append(s.file()).append('\n');
        out.append("available     ").append(String.join(", ", s.environments())).append('\n');
        out.append("applied at    ").append(s.appliedAt() == null ? "never" : s.appliedAt()).append('\n');
        out.append("digest        ").append(s.appliedDigest() == null ? "-" : s.appliedDigest()).append('\n');
        out.append("pids          ").append(s.pids().isEmpty() ? "-" : String.join(", ", s.pids())).append('\n');
        out.append("last reload   ").append(Formats.report(s.lastReport()).replace("\n", "\n              "));
        return out.toString();
    }

    @Descriptor("lists the effective configuration of every PID from the environment file, with provenance")
    public String config() {
        return table(environments.effectiveProperties(null));
    }

    @Descriptor("lists the effective configuration of one PID, with provenance (metatype defaults included)")
    public String config(@Descriptor("the configuration PID (factoryPid~name for a factory configuration)") String pid) {
        List<EffectiveProperty> properties = environments.effectiveProperties(pid);
        return properties.isEmpty() ? "no configuration and no metatype for PID " + pid : table(properties);
    }

    private static String table(List<EffectiveProperty> properties) {
        if (properties.isEmpty()) {
            return "no configuration applied from the environment file";
        }
        int pidWidth = Math.max(3, properties.stream().mapToInt(p -> p.pid().length()).max().orElse(0));
        int keyWidth = Math.max(3, properties.stream().mapToInt(p -> p.key().length()).max().orElse(0));
        int valueWidth = Math.min(60, Math.max(5,
                properties.stream().mapToInt(p -> Formats.value(p.value()).length()).max().orElse(0)));
        String row = "%-" + pidWidth + "s  %-" + keyWidth + "s  %-" + valueWidth + "s  %s%n";
        StringBuilder out = new StringBuilder(String.format(row, "PID", "KEY", "VALUE", "SOURCE"));
        for (EffectiveProperty p : properties) {
            out.append(String.format(row, p.pid(), p.key(), Formats.value(p.value()), p.provenance()));
        }
        return out.toString().stripTrailing();
    }
}
