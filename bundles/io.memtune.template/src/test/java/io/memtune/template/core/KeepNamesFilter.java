package io.memtune.template.core;

import java.util.Set;

import com.fasterxml.jackson.core.filter.TokenFilter;

/**
 * The oracle of {@link PrunedJsonReaderTest}: the token filter the pruned reader replaced (Jackson's
 * {@code FilteringParserDelegate} with this filter builds what the pruned reader must build). Reads a JSON
 * context keeping only what a template can look up: a property whose name is none of the
 * template's names is skipped while streaming (never materialised); a property whose name can be printed
 * whole is kept with everything under it; arrays keep every element (their length shows in sections), and
 * objects emptied by the filter stay (an empty map is still a map to Mustache).
 */
final class KeepNamesFilter extends TokenFilter {

    private final Set<String> read;
    private final Set<String> printed;

    KeepNamesFilter(Set<String> read, Set<String> printed) {
        this.read = read;
        this.printed = printed;
    }

    @Override
    public TokenFilter includeProperty(String name) {
        if (printed.contains(name)) {
            return TokenFilter.INCLUDE_ALL;
        }
        return read.contains(name) ? this : null;
    }

    @Override
    public TokenFilter includeElement(int index) {
        return this;
    }

    @Override
    public boolean includeEmptyObject(boolean contentsFiltered) {
        return true;
    }

    @Override
    public boolean includeEmptyArray(boolean contentsFiltered) {
        return true;
    }

    @Override
    public TokenFilter filterStartObject() {
        return this;
    }

    @Override
    public TokenFilter filterStartArray() {
        return this;
    }
}
