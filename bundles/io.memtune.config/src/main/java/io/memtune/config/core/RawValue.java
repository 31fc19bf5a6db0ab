package io.memtune.config.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A property value as written in an environment file, with where it was written.
 *
 * @param json the JSON value (scalar or array)
 * @param line 1-based line of the value
 * @param column 1-based column of the value
 */
public record RawValue(JsonNode json, int line, int column) {
}
