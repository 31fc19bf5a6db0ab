package io.memtune.api.alert;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where alerts go (log, webhook, Prometheus Alertmanager, or a third party's): every {@code AlertSink}
 * service is told of each alert that starts firing, keeps firing (at the sink's repeat interval) or
 * resolves, unless silenced. A failing sink is reported and does not stop the others.
 */
@ConsumerType
public interface AlertSink {

    /** The alert's transition or repetition. Called from the alerting thread: return fast or hand off. */
    void send(Alert alert) throws Exception;
}
