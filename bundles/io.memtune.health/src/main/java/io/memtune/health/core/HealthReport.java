package io.memtune.health.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;

/**
 * A probe's answer: the worst status of its checks and each check's own, with its messages. Healthy is
 * {@code OK} or {@code WARN} (a warning does not take an instance out of the load balancer), as the Felix HC
 * servlet maps them too.
 *
 * @param probe the probe asked
 * @param status the worst status of the checks
 * @param checks every check run, worst first
 */
public record HealthReport(String probe, Result.Status status, List<Check> checks) {

    /**
     * One check's result.
     *
     * @param name its {@code hc.name}
     * @param status its status
     * @param tags its {@code hc.tags}
     * @param millis how long it ran
     * @param messages what it said, debug lines left out
     */
    public record Check(String name, Result.Status status, List<String> tags, long millis, List<Message> messages) {
    }

    /** A line of a check's result: its status ({@code OK}, {@code WARN}, ...) and text. */
    public record Message(Result.Status status, String text) {
    }

    public HealthReport {
        checks = List.copyOf(checks);
    }

    /** OK or WARN: serve traffic (HTTP 200); anything worse answers 503. */
    public boolean healthy() {
        return isHealthy(status);
    }

    public static boolean isHealthy(Result.Status status) {
        return status == Result.Status.OK || status == Result.Status.WARN;
    }

    /** The report of a probe from what the Felix HC executor returned. */
    public static HealthReport of(Probe probe, List<HealthCheckExecutionResult> results) {
        List<Check> checks = new ArrayList<>();
        for (HealthCheckExecutionResult r : results) {
            Result result = r.getHealthCheckResult();
            List<Message> messages = new ArrayList<>();
            for (ResultLog.Entry e : result) {
                if (!e.isDebug()) {
                    messages.add(new Message(e.getStatus(), e.getMessage()));
                }
            }
            checks.add(new Check(r.getHealthCheckMetadata().getName(), result.getStatus(),
                    List.copyOf(r.getHealthCheckMetadata().getTags()), r.getElapsedTimeInMs(), messages));
        }
        checks.sort(Comparator.comparing(Check::status).reversed().thenComparing(Check::name));
        Result.Status worst = checks.stream().map(Check::status).max(Comparator.naturalOrder()).orElse(Result.Status.OK);
        return new HealthReport(probe.path(), worst, checks);
    }

    /** A report that says only why the checks could not be run. */
    public static HealthReport without(Probe probe, Result.Status status, String why) {
        return new HealthReport(probe.path(), status, List.of(new Check("health checks", status, List.of(probe.tag()), 0,
                List.of(new Message(status, why)))));
    }
}
