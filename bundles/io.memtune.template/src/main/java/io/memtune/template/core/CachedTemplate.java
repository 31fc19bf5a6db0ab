package io.memtune.template.core;

import java.time.Instant;
import java.util.Set;

import io.memtune.api.template.CompiledTemplate;
import io.memtune.api.template.TemplateEngine;

/**
 * A compiled template in the memory tier (40 bytes besides the compiled form: the names are the interned set every
 * page of the same design shares, the time a {@code long}).
 *
 * @param compiled the engine's compiled form
 * @param engine the engine that compiled it (a replaced engine's entries are recompiled)
 * @param names every template of its closure, so that a change to any of them drops it (interned: do not change)
 * @param compiledAtMillis when it was compiled
 * @param changesBefore the cache's count of file changes when its sources were read: a change counted after
 *     that and concerning its names means it may be stale
 */
public record CachedTemplate(CompiledTemplate compiled, TemplateEngine engine, Set<String> names, long compiledAtMillis,
        long changesBefore) {

    public Instant compiledAt() {
        return Instant.ofEpochMilli(compiledAtMillis);
    }

    /** The same, known current as of {@code changes}. */
    CachedTemplate stampedAt(long changes) {
        return new CachedTemplate(compiled, engine, names, compiledAtMillis, changes);
    }
}
