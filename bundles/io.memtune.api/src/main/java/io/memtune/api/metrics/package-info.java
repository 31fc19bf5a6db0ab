/**
 * Measurements. The registry itself is Dropwizard's {@code com.codahale.metrics.MetricRegistry}, one
 * instance registered as an OSGi service by the monitoring bundle; every memtune bundle registers its
 * metrics there under {@code memtune.<bundle>.<name>}. This package adds the label convention
 * ({@link io.memtune.api.metrics.MetricNames}), the short history of key series
 * ({@link io.memtune.api.metrics.MetricHistory}) and the reservoir of per-request histograms
 * ({@link io.memtune.api.metrics.RecentReservoir}: 1.1.0).
 */
@Export
@Version("1.1.0")
package io.memtune.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
