/** Monitoring without OSGi: JVM rates, the Prometheus text exposition, the series history. Private. */
package io.memtune.monitoring.core;
