package io.memtune.config.internal.shell;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.memtune.api.config.ConfigDiff;
import io.memtune.api.config.EnvironmentService;

/** {@code memtune:config-diff <envA> <envB>}. */
@Component(service = ConfigDiffCommand.class, property = {
        "osgi.command.scope=memtune",
        "osgi.command.function=config-diff" })
public final class ConfigDiffCommand {

    private final EnvironmentService environments;

    @Activate
    public ConfigDiffCommand(@Reference EnvironmentService environments) {
        this.environments = environments;
    }

    @Descriptor("shows what differs between two environment files, property by property (secrets masked)")
    public String _main(@Descriptor("the command's name (given by the shell)") String command,
            @Descriptor("the first environment, e.g. dev") String environmentA,
            @Descriptor("the second environment, e.g. prod") String environmentB) {
        ConfigDiff diff = environments.diff(environmentA, environmentB);
        if (diff.entries().isEmpty()) {
            return environmentA + " and " + environmentB + " are the same";
        }
        StringBuilder out = new StringBuilder();
        String lastPid = null;
        for (ConfigDiff.Entry e : diff.entries()) {
            if (!e.pid().equals(lastPid)) {
                out.append(e.pid()).append('\n');
                lastPid = e.pid();
            }
            out.append("  ").append(e.key()).append('\n');
            out.append("    ").append(environmentA).append(": ").append(e.valueA() == null ? "(absent)" : e.valueA()).append('\n');
            out.append("    ").append(environmentB).append(": ").append(e.valueB() == null ? "(absent)" : e.valueB()).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
