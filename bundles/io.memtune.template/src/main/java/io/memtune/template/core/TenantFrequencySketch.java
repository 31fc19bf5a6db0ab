package io.memtune.template.core;

/**
 * How often each tenant rendered lately, approximately, in fixed memory: a count-min sketch of four rows with
 * conservative update (only the smallest of a key's counters grow, which keeps collisions from inflating busy
 * estimates), halved at every decay so that old renders weigh less (the TinyLFU admission idea, as Caffeine uses it;
 * its sketch is not public API). An estimate is never below the true decayed count and exceeds it by the collisions
 * of its least loaded row: about the renders counted divided by the width, which {@link #width()} lets callers
 * subtract.
 *
 * <p>Counters are plain ints updated without synchronization, on purpose: an increment lost to a race makes an
 * estimate one lower, which a frequency estimate tolerates, and no request ever waits or retries here.
 */
final class TenantFrequencySketch {

    private static final int ROWS = 4;

    private final int[] counters;
    private final int width;
    private final int mask;

    /** @param width counters per row, a power of two (at most 2^16) */
    TenantFrequencySketch(int width) {
        if (Integer.bitCount(width) != 1 || width > 1 << 16) {
            throw new IllegalArgumentException("a sketch's width is a power of two up to 65536, not " + width);
        }
        this.width = width;
        this.mask = width - 1;
        this.counters = new int[ROWS * width];
    }

    /** Counts one render of a tenant; returns its estimate afterwards. */
    int increment(String tenant) {
        long hash = mix(tenant.hashCode());
        int min = Integer.MAX_VALUE;
        for (int row = 0; row < ROWS; row++) {
            min = Math.min(min, counters[slot(hash, row)]);
        }
        if (min == Integer.MAX_VALUE) {
            return min;
        }
        for (int row = 0; row < ROWS; row++) {
            int slot = slot(hash, row);
            if (counters[slot] == min) {
                counters[slot] = min + 1;
            }
        }
        return min + 1;
    }

    /** A tenant's estimate: at least its decayed count. */
    int estimate(String tenant) {
        long hash = mix(tenant.hashCode());
        int min = Integer.MAX_VALUE;
        for (int row = 0; row < ROWS; row++) {
            min = Math.min(min, counters[slot(hash, row)]);
        }
        return min;
    }

    /** Halves every counter: renders of the last period weigh half as much as those of this one. */
    void halve() {
        for (int i = 0; i < counters.length; i++) {
            counters[i] >>>= 1;
        }
    }

    int width() {
        return width;
    }

    long estimatedBytes() {
        return HeapCosts.object(1, 2, 0) + HeapCosts.array(counters.length, Integer.BYTES);
    }

    /** Row {@code row}'s counter of a hash: 16 bits of the mixed hash each. */
    private int slot(long hash, int row) {
        return row * width + ((int) (hash >>> (16 * row)) & mask);
    }

    /** MurmurHash3's 64-bit finalizer: every bit of the string's hash moves every bit of the result. */
    static long mix(int hashCode) {
        long z = hashCode * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
