/**
 * The memory profiler: snapshots of heap, GC and allocation, and captures (class histograms, JFR
 * recordings, heap dumps), taken on demand or automatically during peaks, kept within a disk budget.
 */
@Export
@Version("1.3.0")
package io.memtune.api.profiler;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
