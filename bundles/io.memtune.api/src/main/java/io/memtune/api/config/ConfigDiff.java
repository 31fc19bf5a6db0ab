package io.memtune.api.config;

import java.util.List;

/**
 * What differs between two environment files, as written in them (before interpolation).
 *
 * @param environmentA the first environment
 * @param environmentB the second environment
 * @param entries one entry per property that differs, sorted by PID and key
 */
public record ConfigDiff(String environmentA, String environmentB, List<Entry> entries) {

    public ConfigDiff {
        entries = List.copyOf(entries);
    }

    /**
     * One differing property; a null value means the property (or its whole PID) is absent on that side.
     *
     * @param pid the configuration
     * @param key the property
     * @param valueA the value in environment A, as JSON text, or null
     * @param valueB the value in environment B, as JSON text, or null
     */
    public record Entry(String pid, String key, String valueA, String valueB) {
    }
}
