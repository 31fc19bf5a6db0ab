/** Pools without OSGi: object pools on Commons Pool2, the buffer pool, the scaling rule. Private. */
package io.memtune.pool.core;
