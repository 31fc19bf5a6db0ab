/**
 * The configuration model without OSGi: environment files, parsing with locations, interpolation,
 * validation against a schema, typed values with provenance, diffs. The OSGi components in
 * {@code internal} and the embedded (no-OSGi) mode both build on it. Private to this bundle.
 */
package io.memtune.config.core;
