/**
 * The configuration tuner: rules ({@link io.memtune.api.tuner.TuningRule}, built-in and third-party) turn
 * the machine's and the JVM's facts and the measurements into recommendations, which the
 * {@link io.memtune.api.tuner.Tuner} applies, verifies and rolls back (by itself when a change makes things worse,
 * or when the operator asks: {@code rollback}, 1.1.0).
 */
@Export
@Version("1.1.0")
package io.memtune.api.tuner;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
