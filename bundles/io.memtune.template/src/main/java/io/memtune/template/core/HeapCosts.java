package io.memtune.template.core;

/**
 * Upper bounds of what small structures cost in the heap, whatever the JVM's layout (16-byte headers, 8-byte
 * references, strings of two bytes a character: no compressed references, class pointers or strings): what a budget
 * in bytes is checked against.
 */
final class HeapCosts {

    /** A {@code ConcurrentHashMap} entry (hash, key, value, next) with its share of the table (up to 3 slots). */
    static final long MAP_ENTRY = object(3, 1, 0) + 3 * 8;

    private HeapCosts() {
    }

    /** An object with this many reference, int and long fields. */
    static long object(int references, int ints, int longs) {
        return align(16 + 8L * references + 4L * ints + 8L * longs);
    }

    /** An array of this many elements of this size. */
    static long array(int length, int elementBytes) {
        return align(24 + (long) length * elementBytes);
    }

    /** A string of this many characters, with its array. */
    static long string(int chars) {
        return object(1, 2, 0) + array(chars, 2);
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
