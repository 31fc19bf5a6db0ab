/**
 * The configuration tuner: rules ({@link io.memtune.api.tuner.TuningRule}, built-in and third-party) turn
 * the machine's and the JVM's facts and the measurements into recommendations, which the
 * {@link io.memtune.api.tuner.Tuner} applies, verifies and rolls back (by itself when a change makes things worse,
 * or when the operator asks: {@code rollback}, 1.1.0). From 1.2.0 the rules also see the JVM's memory measured over a
 * window ({@link io.memtune.api.tuner.MemoryWindow}: the live set, allocation, GC time, metaspace, code cache), and the
 * tuner can measure the live set on request ({@link io.memtune.api.tuner.Tuner#collectLiveSet()}), so that the JVM
 * options it proposes size the heap and pick the collector from measurements.
 */
@Export
@Version("1.2.0")
package io.memtune.api.tuner;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
