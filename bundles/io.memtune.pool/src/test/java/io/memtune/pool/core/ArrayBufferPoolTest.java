package io.memtune.pool.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.memtune.api.pool.Lease;

class ArrayBufferPoolTest {

    @Test
    void reusesArraysOfTheSizeClass() {
        ArrayBufferPool pool = new ArrayBufferPool("buffers", 1 << 20);
        char[] first;
        try (Lease<char[]> lease = pool.chars(3000)) {
            first = lease.get();
            assertEquals(4096, first.length);
        }
        try (Lease<char[]> lease = pool.chars(4000)) {
            assertSame(first, lease.get());
        }
    }

    @Test
    void keepsNoMoreBytesThanItsBound() {
        ArrayBufferPool pool = new ArrayBufferPool("buffers", 10_000);
        Lease<byte[]> a = pool.bytes(8192);
        Lease<byte[]> b = pool.bytes(8192);
        a.close();
        b.close(); // 16 KiB would exceed 10 000 bytes: dropped
        assertEquals(8192, pool.statistics().bytes());
        assertTrue(pool.statistics().bytes() <= pool.statistics().maxBytes());
        assertEquals(1, pool.statistics().evictions());
    }

    @Test
    void leavesHugeArraysToTheAllocator() {
        ArrayBufferPool pool = new ArrayBufferPool("buffers", 64L << 20);
        try (Lease<byte[]> lease = pool.bytes(5 << 20)) {
            assertEquals(5 << 20, lease.get().length);
        }
        assertEquals(0, pool.statistics().bytes());
    }
}
