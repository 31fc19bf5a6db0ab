package io.memtune.api.template;

/**
 * Counters and size of one tier of the template cache.
 *
 * @param name {@code memory} (compiled templates) or {@code disk} (resolved sources, recompiled on demand)
 * @param entries how many templates it holds
 * @param estimatedBytes what they take (heap estimate for memory, its entries included; file bytes for disk)
 * @param maxBytes the tier's budget
 * @param hits look-ups it answered
 * @param misses look-ups it could not answer
 * @param evictions entries it dropped to stay within budget
 * @param reloads (1.4) memory: templates compiled again after the tier had dropped them (evicted, or too big to
 *     keep), the cost of a budget below the working set; disk: compiles whose sources it gave back (a memory miss
 *     it answered instead of the repository)
 * @param rejected (1.4) entries it could not take at all: bigger than its whole budget, or (disk) a write that
 *     failed; such templates are served all the same, compiled from the next tier down or the repository
 */
public record CacheTier(String name, long entries, long estimatedBytes, long maxBytes, long hits, long misses,
        long evictions, long reloads, long rejected) {

    /** Without reload and rejection counts (before 1.4). */
    public CacheTier(String name, long entries, long estimatedBytes, long maxBytes, long hits, long misses,
            long evictions) {
        this(name, entries, estimatedBytes, maxBytes, hits, misses, evictions, 0, 0);
    }

    /** Hits over look-ups, 0 before the first look-up. */
    public double hitRatio() {
        long lookups = hits + misses;
        return lookups == 0 ? 0 : (double) hits / lookups;
    }
}
