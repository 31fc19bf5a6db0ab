package io.memtune.health.core;

import java.lang.reflect.Proxy;
import java.util.Date;
import java.util.Map;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckMetadata;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/** Execution results as the Felix HC executor returns them, for checks described by a name and tags. */
final class FakeResults {

    private FakeResults() {
    }

    static HealthCheckExecutionResult result(String name, String[] tags, ResultLog log) {
        Map<String, Object> properties = Map.of(HealthCheck.NAME, name, HealthCheck.TAGS, tags, Constants.SERVICE_ID, 1L);
        ServiceReference<?> reference = (ServiceReference<?>) Proxy.newProxyInstance(FakeResults.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> properties.get((String) args[0]);
                    case "hashCode" -> 1;
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
        HealthCheckMetadata metadata = new HealthCheckMetadata(reference);
        Result result = new Result(log);
        return new HealthCheckExecutionResult() {
            @Override
            public Result getHealthCheckResult() {
                return result;
            }

            @Override
            public long getElapsedTimeInMs() {
                return 3;
            }

            @Override
            public Date getFinishedAt() {
                return new Date();
            }

            @Override
            public boolean hasTimedOut() {
                return false;
            }

            @Override
            public HealthCheckMetadata getHealthCheckMetadata() {
                return metadata;
            }
        };
    }

    static ResultLog log(Result.Status status, String message) {
        return new ResultLog().add(new ResultLog.Entry(status, message));
    }
}
