/**
 * Managed executors: bounded queues, priority classes with guaranteed shares, deadlines, worker scaling,
 * an adaptive concurrency limit, early shedding and memory-aware admission; their statistics.
 */
@Export
@Version("1.3.0")
package io.memtune.api.concurrency;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
