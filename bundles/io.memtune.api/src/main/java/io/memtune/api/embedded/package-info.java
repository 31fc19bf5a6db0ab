/**
 * The embedded (no-OSGi) mode's contract: each memtune bundle also carries {@link io.memtune.api.embedded.EmbeddedModule}s,
 * found by {@code java.util.ServiceLoader}, that wire the bundle's own component classes without a framework.
 * A bootstrap (the {@code io.memtune.embedded} artifact) orders the modules by what they provide and need, hands
 * them an {@link io.memtune.api.embedded.EmbeddedContext}, and stops them in reverse order.
 */
@Export
@Version("1.0.0")
package io.memtune.api.embedded;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
