package io.memtune.api.template;

/**
 * Counters and size of one tier of the template cache.
 *
 * @param name {@code memory} (compiled templates) or {@code disk} (resolved sources, recompiled on demand)
 * @param entries how many templates it holds
 * @param estimatedBytes what they take (heap estimate for memory, file bytes for disk)
 * @param maxBytes the tier's budget
 * @param hits look-ups it answered
 * @param misses look-ups it could not answer
 * @param evictions entries it dropped to stay within budget
 */
public record CacheTier(String name, long entries, long estimatedBytes, long maxBytes, long hits, long misses,
        long evictions) {
}
