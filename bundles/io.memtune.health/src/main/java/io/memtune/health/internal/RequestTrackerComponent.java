package io.memtune.health.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;

import io.memtune.health.core.RequestTracker;

/**
 * The one count of requests in flight and drain state of the container, shared by the filter that counts, the
 * drain that waits and the readiness check that reports. Its figures are also metrics
 * ({@code memtune.health.requests.inflight}, {@code memtune.health.draining}); without a registry they are not.
 */
@Component(service = RequestTracker.class)
public final class RequestTrackerComponent extends RequestTracker {

    static final String IN_FLIGHT = MetricRegistry.name("memtune.health", "requests", "inflight");
    static final String DRAINING = MetricRegistry.name("memtune.health", "draining");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindMetrics")
    void bindMetrics(MetricRegistry registry) {
        registry.remove(IN_FLIGHT);
        registry.remove(DRAINING);
        registry.register(IN_FLIGHT, (Gauge<Integer>) this::inFlight);
        registry.register(DRAINING, (Gauge<Integer>) () -> draining() ? 1 : 0);
    }

    void unbindMetrics(MetricRegistry registry) {
        registry.remove(IN_FLIGHT);
        registry.remove(DRAINING);
    }
}
