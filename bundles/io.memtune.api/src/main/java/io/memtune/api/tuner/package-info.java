/**
 * The configuration tuner: rules ({@link io.memtune.api.tuner.TuningRule}, built-in and third-party) turn
 * the machine's and the JVM's facts and the measurements into recommendations, which the
 * {@link io.memtune.api.tuner.Tuner} applies, verifies and rolls back.
 */
@Export
@Version("1.0.0")
package io.memtune.api.tuner;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
