package io.memtune.alerting.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.memtune.api.alert.Alert;
import io.memtune.api.alert.AlertService;

/** {@code memtune:alerts [--all]} and {@code memtune:silence <rule> <duration> [--until-resolved]}. */
@Component(service = AlertCommands.class, property = {
        "osgi.command.scope=memtune",
        "osgi.command.function=alerts",
        "osgi.command.function=silence" })
public final class AlertCommands {

    private final AlertService alerts;

    @Activate
    public AlertCommands(@Reference AlertService alerts) {
        this.alerts = alerts;
    }

    @Descriptor("lists the pending and firing alerts; --all adds the recent resolved ones")
    public String alerts(@Descriptor("also the resolved ones")
            @Parameter(names = "--all", presentValue = "true", absentValue = "false") boolean all) {
        List<Alert> list = alerts.alerts(all);
        if (list.isEmpty()) {
            return all ? "no alert" : "no alert pending or firing";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-26s %-9s %-9s %-24s %s%n", "RULE", "STATE",
                "SEVERITY", "SINCE", "SUMMARY"));
        for (Alert a : list) {
            Object since = a.resolvedAt() != null ? a.resolvedAt() : a.firingSince() != null ? a.firingSince() : a.activeSince();
            out.append(String.format(Locale.ROOT, "%-26s %-9s %-9s %-24s %s%s%n", a.rule(), a.state().name().toLowerCase(),
                    a.severity(), since, a.summary(), a.silenced() ? " (silenced)" : ""));
        }
        return out.toString().stripTrailing();
    }

    @Descriptor("keeps a rule's alerts from the sinks for a while (still listed here)")
    public String silence(
            @Descriptor("also end the silence when the alert resolves")
            @Parameter(names = "--until-resolved", presentValue = "true", absentValue = "false") boolean untilResolved,
            @Descriptor("the rule") String rule,
            @Descriptor("how long: 30s, 10m, 2h, 1d") String duration) {
        Duration d = parse(duration);
        alerts.silence(rule, d, untilResolved);
        return "alerts of " + rule + " silenced for " + d + (untilResolved ? " or until resolved" : "");
    }

    static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            switch (t.charAt(t.length() - 1)) {
                case 's': return Duration.ofSeconds(n);
                case 'm': return Duration.ofMinutes(n);
                case 'h': return Duration.ofHours(n);
                case 'd': return Duration.ofDays(n);
                default: break;
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("duration '" + text + "': write a number and s, m, h or d, e.g. 10m");
    }
}
