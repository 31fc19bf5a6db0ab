/**
 * The health bundle's DS components: the /health endpoint, memtune:health, the health checks of this bundle, the
 * request counting filter and the drain the launcher runs on SIGTERM. Private.
 */
package io.memtune.health.internal;
