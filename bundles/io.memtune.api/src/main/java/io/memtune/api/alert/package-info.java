/**
 * Alerting: rules on the registry's series with pending, firing and resolved states, silences, and sinks
 * (the whiteboard of {@link io.memtune.api.alert.AlertSink} services) that alerts are sent to.
 */
@Export
@Version("1.0.0")
package io.memtune.api.alert;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
