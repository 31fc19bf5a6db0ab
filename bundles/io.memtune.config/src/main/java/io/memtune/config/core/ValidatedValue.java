package io.memtune.config.core;

import io.memtune.api.config.Provenance;

/**
 * A property value ready for Config Admin.
 *
 * @param value a String, a boxed primitive, or an array of one of them
 * @param provenance where it came from
 * @param secret whether listings must mask it
 */
public record ValidatedValue(Object value, Provenance provenance, boolean secret) {
}
