/** The profiler without OSGi: snapshots, histograms, heap dumps, JFR, the profile store, peak detection. Private. */
package io.memtune.profiler.core;
