package io.memtune.pool.core;

/** The one rule every resize obeys, with the message an operator can act on. */
public final class Resizing {

    private Resizing() {
    }

    public static void check(String pool, int min, int max) {
        if (min < 0 || max < 1 || min > max) {
            throw new IllegalArgumentException("pool '" + pool + "': need 0 <= min <= max and max >= 1, got min " + min
                    + ", max " + max);
        }
    }
}
