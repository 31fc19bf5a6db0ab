/**
 * Health without OSGi services: the probes and their reports built from Felix Health Check results, the count of
 * requests in flight and the drain's sequence. The DS components in {@code internal} build on it. Private.
 */
package io.memtune.health.core;
