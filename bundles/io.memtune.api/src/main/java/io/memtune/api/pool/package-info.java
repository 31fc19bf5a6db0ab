/**
 * Resource pools: object pools (created by the bundles that need them, tuned per environment by name),
 * a bounded buffer pool, JDBC and HTTP client pools from configuration; live resizing and statistics.
 */
@Export
@Version("1.0.0")
package io.memtune.api.pool;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
