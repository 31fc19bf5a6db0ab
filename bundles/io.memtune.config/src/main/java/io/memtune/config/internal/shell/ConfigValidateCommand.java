package io.memtune.config.internal.shell;

import java.nio.file.Path;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.memtune.api.config.EnvironmentService;
import io.memtune.api.config.ValidationReport;

/** {@code memtune:config-validate <file>}: fails (non-zero in the client) when the file has errors. */
@Component(service = ConfigValidateCommand.class, property = {
        "osgi.command.scope=memtune",
        "osgi.command.function=config-validate" })
public final class ConfigValidateCommand {

    private final EnvironmentService environments;

    @Activate
    public ConfigValidateCommand(@Reference EnvironmentService environments) {
        this.environments = environments;
    }

    @Descriptor("validates an environment file against the installed components' metatype, without applying it")
    public String _main(@Descriptor("the command's name (given by the shell)") String command,
            @Descriptor("the file to validate (relative paths from the container's working directory)") String file) {
        ValidationReport report = environments.validate(Path.of(file));
        String text = Formats.report(report);
        if (!report.isValid()) {
            throw new IllegalArgumentException(text);
        }
        return text;
    }
}
