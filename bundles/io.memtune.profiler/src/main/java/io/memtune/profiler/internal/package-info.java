/** The profiler bundle's DS components. Private. */
package io.memtune.profiler.internal;
