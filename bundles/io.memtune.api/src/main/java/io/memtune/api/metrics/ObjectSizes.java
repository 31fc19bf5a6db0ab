package io.memtune.api.metrics;

/**
 * Upper bounds of object sizes whatever the JVM's layout: 16-byte object headers, 8-byte references, 24-byte array
 * headers (a 64-bit JVM without compressed references or class pointers); with them, objects are smaller.
 */
final class ObjectSizes {

    private ObjectSizes() {
    }

    /** An object with this many reference, int and long fields. */
    static long object(int references, int ints, int longs) {
        return align(16 + 8L * references + 4L * ints + 8L * longs);
    }

    /** An array of this many elements of this size. */
    static long array(int length, int elementBytes) {
        return align(24 + (long) length * elementBytes);
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
