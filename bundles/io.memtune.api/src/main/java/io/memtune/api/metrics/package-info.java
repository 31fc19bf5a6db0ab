/**
 * Measurements. The registry itself is Dropwizard's {@code com.codahale.metrics.MetricRegistry}, one
 * instance registered as an OSGi service by the monitoring bundle; every memtune bundle registers its
 * metrics there under {@code memtune.<bundle>.<name>}. This package adds the label convention
 * ({@link io.memtune.api.metrics.MetricNames}), the short history of key series
 * ({@link io.memtune.api.metrics.MetricHistory}) and the reservoirs of per-request histograms:
 * {@link io.memtune.api.metrics.RecentReservoir} (1.1.0: the latest values, under a monitor) and
 * {@link io.memtune.api.metrics.RecentBucketReservoir} with its timer {@link io.memtune.api.metrics.RecentTimer}
 * (1.2.0: bucket counts of bounded precision, fixed memory, no lock on update).
 */
@Export
@Version("1.2.0")
package io.memtune.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
