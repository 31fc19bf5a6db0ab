/**
 * The template memory optimizer: its report ({@link io.memtune.api.optimizer.Optimizer}) and the
 * {@link io.memtune.api.optimizer.OptimizationPass} SPI through which third parties add rewrites of the
 * template tree ({@link io.memtune.api.optimizer.TemplateNode}).
 */
@Export
@Version("1.2.0")
package io.memtune.api.optimizer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
