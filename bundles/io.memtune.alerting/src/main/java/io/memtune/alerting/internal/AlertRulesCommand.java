package io.memtune.alerting.internal;

import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.memtune.api.alert.AlertService;

/** {@code memtune:alert-rules} (hyphenated: its own component with {@code _main}). */
@Component(service = AlertRulesCommand.class, property = {
        "osgi.command.scope=memtune",
        "osgi.command.function=alert-rules" })
public final class AlertRulesCommand {

    private final AlertService alerts;

    @Activate
    public AlertRulesCommand(@Reference AlertService alerts) {
        this.alerts = alerts;
    }

    @Descriptor("lists the alert rules in force: metric, condition, thresholds, durations, severity, action")
    public String _main(@Descriptor("the command's name (given by the shell)") String command) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-26s %-46s %-6s %10s %10s %8s %-9s %s%n", "RULE",
                "METRIC", "COND", "THRESHOLD", "CLEAR", "FOR", "SEVERITY", "ACTION"));
        for (AlertService.AlertRule r : alerts.rules()) {
            out.append(String.format(Locale.ROOT, "%-26s %-46s %-6s %10.4g %10.4g %8s %-9s %s%n", r.name(), r.metric(),
                    r.condition(), r.threshold(), r.clearThreshold(), r.forDuration().toSeconds() + "s", r.severity(), r.action()));
        }
        return out.toString().stripTrailing();
    }
}
