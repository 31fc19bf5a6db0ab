package io.memtune.pool.core;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

import io.memtune.api.pool.BufferPool;
import io.memtune.api.pool.Lease;
import io.memtune.api.pool.PoolStatistics;

/**
 * Char and byte arrays in power-of-two size classes from 1 KiB to 1 MiB, kept up to a bound on the total
 * bytes; a bigger request, or a return past the bound, is left to the allocator and the GC. Never blocks.
 */
public final class ArrayBufferPool implements BufferPool, PoolHandle {

    private static final int MIN_SHIFT = 10;
    private static final int MAX_SHIFT = 20;

    private final String name;
    private volatile long maxBytes;
    private final Classes<char[]> chars = new Classes<>(char[]::new, a -> a.length * 2);
    private final Classes<byte[]> bytes = new Classes<>(byte[]::new, a -> a.length);
    private final AtomicLong pooledBytes = new AtomicLong();
    private final AtomicInteger lent = new AtomicInteger();
    private final AtomicLong borrows = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public ArrayBufferPool(String name, long maxBytes) {
        this.name = name;
        this.maxBytes = maxBytes;
    }

    /** The size classes of one array type. */
    private final class Classes<A> {
        @SuppressWarnings("unchecked")
        private final ConcurrentLinkedDeque<A>[] free = new ConcurrentLinkedDeque[MAX_SHIFT - MIN_SHIFT + 1];
        private final IntFunction<A> allocate;
        private final ToIntFunction<A> size;

        Classes(IntFunction<A> allocate, ToIntFunction<A> size) {
            this.allocate = allocate;
            this.size = size;
            for (int i = 0; i < free.length; i++) {
                free[i] = new ConcurrentLinkedDeque<>();
            }
        }

        Lease<A> lease(int minLength) {
            borrows.incrementAndGet();
            int shift = Math.max(MIN_SHIFT, 32 - Integer.numberOfLeadingZeros(Math.max(1, minLength) - 1));
            if (shift > MAX_SHIFT) {
                return lease(allocate.apply(minLength), -1); // too big to keep
            }
            A array = free[shift - MIN_SHIFT].pollFirst();
            if (array != null) {
                pooledBytes.addAndGet(-size.applyAsInt(array));
            } else {
                array = allocate.apply(1 << shift);
            }
            return lease(array, shift);
        }

        private Lease<A> lease(A array, int shift) {
            lent.incrementAndGet();
            return new Lease<>() {
                private boolean done;

                @Override
                public A get() {
                    return array;
                }

                @Override
                public synchronized void invalidate() {
                    if (!done) {
                        done = true;
                        lent.decrementAndGet();
                    }
                }

                @Override
                public synchronized void close() {
                    if (done) {
                        return;
                    }
                    done = true;
                    lent.decrementAndGet();
                    int bytesOf = size.applyAsInt(array);
                    if (shift >= 0 && pooledBytes.addAndGet(bytesOf) <= maxBytes) {
                        free[shift - MIN_SHIFT].offerFirst(array);
                    } else {
                        if (shift >= 0) {
                            pooledBytes.addAndGet(-bytesOf);
                        }
                        dropped.incrementAndGet();
                    }
                }
            };
        }

        int idle() {
            int n = 0;
            for (ConcurrentLinkedDeque<A> q : free) {
                n += q.size();
            }
            return n;
        }
    }

    @Override
    public Lease<char[]> chars(int minLength) {
        return chars.lease(minLength);
    }

    @Override
    public Lease<byte[]> bytes(int minLength) {
        return bytes.lease(minLength);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PoolStatistics statistics() {
        int idle = chars.idle() + bytes.idle();
        return new PoolStatistics(name, "buffers", 0, idle + lent.get(), idle + lent.get(), lent.get(), idle, 0,
                borrows.get(), 0, 0, dropped.get(), 0, 0, 0, pooledBytes.get(), maxBytes);
    }

    /** For a buffer pool {@code max} is the bound on bytes kept; {@code min} is ignored. */
    @Override
    public void resize(int min, int max) {
        Resizing.check(name, min, max);
        maxBytes = max;
    }
}
