package io.memtune.monitoring.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import com.codahale.metrics.MetricRegistry;

/**
 * The one {@link MetricRegistry} of the container, as an OSGi service. Every memtune bundle registers its
 * metrics here under {@code memtune.<bundle>.<name>} (labels as {@code io.memtune.api.metrics.MetricNames}
 * writes them) and removes them when it stops or the registry goes away.
 */
@Component(service = MetricRegistry.class, immediate = true)
public final class MetricRegistryProvider extends MetricRegistry {

    @Deactivate
    void stop() {
        removeMatching((name, metric) -> true);
    }
}
