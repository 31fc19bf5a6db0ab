package io.memtune.health.core;

import java.util.List;

import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;

/** Answers a probe by running its checks through the Felix HC executor; what the endpoint and the shell share. */
public final class Probes {

    private Probes() {
    }

    /**
     * Runs the probe's checks now: never a cached result (the executor keeps results for two seconds by default),
     * so that readiness fails within a request of a drain starting. Every check here is an in-memory look.
     *
     * @param executor the Felix HC executor, or null while its bundle is away: liveness then says only that the
     *        container answers (WARN, still 200: restarting it would not help), readiness fails
     */
    public static HealthReport run(HealthCheckExecutor executor, Probe probe) {
        if (executor == null) {
            return probe == Probe.LIVE
                    ? HealthReport.without(probe, Result.Status.WARN, "no health check executor (bundle"
                            + " org.apache.felix.healthcheck.core not running): the container answers, nothing more is known")
                    : HealthReport.without(probe, Result.Status.CRITICAL, "no health check executor (bundle"
                            + " org.apache.felix.healthcheck.core not running): readiness cannot be told");
        }
        List<HealthCheckExecutionResult> results = executor.execute(HealthCheckSelector.tags(probe.tag()),
                new HealthCheckExecutionOptions().setForceInstantExecution(true));
        if (results.isEmpty()) {
            return HealthReport.without(probe, probe == Probe.LIVE ? Result.Status.OK : Result.Status.CRITICAL,
                    "no health check tagged '" + probe.tag() + "' is registered");
        }
        return HealthReport.of(probe, results);
    }
}
