package io.memtune.template.core;

import java.time.Instant;
import java.util.Set;

import io.memtune.api.template.CompiledTemplate;
import io.memtune.api.template.TemplateEngine;

/**
 * A compiled template in the memory tier.
 *
 * @param compiled the engine's compiled form
 * @param engine the engine that compiled it (a replaced engine's entries are recompiled)
 * @param names every template of its closure, so that a change to any of them drops it
 * @param compiledAt when it was compiled
 * @param sourceChars the characters of its closure's sources
 */
public record CachedTemplate(CompiledTemplate compiled, TemplateEngine engine, Set<String> names, Instant compiledAt,
        long sourceChars) {

    public CachedTemplate {
        names = Set.copyOf(names);
    }
}
