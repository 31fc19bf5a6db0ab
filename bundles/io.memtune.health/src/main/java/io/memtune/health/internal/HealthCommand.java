package io.memtune.health.internal;

import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.memtune.health.core.HealthReport;
import io.memtune.health.core.Probe;
import io.memtune.health.core.Probes;

/**
 * {@code memtune:health [live|ready|all]}: what {@code /health/...} answers, as a table; the command fails (the
 * client exits 1) when the probe would answer 503, so that scripts can ask it.
 */
@Component(service = HealthCommand.class, property = {"osgi.command.scope=memtune", "osgi.command.function=health"})
public final class HealthCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HealthCheckExecutor executor;

    @Descriptor("runs every health check (/health): liveness, readiness and the others")
    public String health() {
        return health(Probe.ALL.path());
    }

    @Descriptor("runs the health checks of a probe; fails when the probe would answer 503")
    public String health(@Descriptor("live (/health/live, tag systemalive), ready (/health/ready, tag systemready)"
            + " or all (/health)") String probe) {
        Probe p = Probe.named(probe).orElseThrow(() -> new IllegalArgumentException("unknown probe '" + probe
                + "': live, ready or all"));
        HealthReport report = Probes.run(executor, p);
        String text = format(report);
        if (!report.healthy()) {
            throw new IllegalStateException(text);
        }
        return text;
    }

    /** A header line with the probe's status and HTTP code, then a line per check and per further message. */
    static String format(HealthReport report) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s: %s (HTTP %d)%n", report.probe(),
                report.status(), report.healthy() ? 200 : 503));
        for (HealthReport.Check c : report.checks()) {
            String first = c.messages().isEmpty() ? "" : c.messages().get(0).text();
            out.append(String.format(Locale.ROOT, "  %-24s %-28s %s  [%s]%n", c.status(), c.name(), first,
                    String.join(",", c.tags())));
            out.append(c.messages().stream().skip(1)
                    .map(m -> String.format(Locale.ROOT, "  %-24s %-28s %s%n", "", "", m.text()))
                    .collect(Collectors.joining()));
        }
        return out.toString().stripTrailing();
    }
}
