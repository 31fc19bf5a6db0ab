/**
 * The template execution optimizer: streamed, admitted, pooled rendering of requests and batches
 * ({@link io.memtune.api.execution.TemplateExecutor}).
 */
@Export
@Version("1.1.0")
package io.memtune.api.execution;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
