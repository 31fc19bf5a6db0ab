package io.memtune.api.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.reflect.Proxy;
import java.util.List;

import org.junit.jupiter.api.Test;

class LiveHeapTest {

    private static final long MB = 1024 * 1024;

    @Test
    void aPoolHoldingLessNowThanAfterItsLastCollectionCountsWhatItHoldsNow() {
        // the old generation after a peak: its last reading after collection is stale, young GCs freed regions since
        MemoryPoolMXBean oldGen = pool(MemoryType.HEAP, usage(39 * MB), usage(26 * MB));
        assertEquals(26 * MB, LiveHeap.usedAfterGc(oldGen));
    }

    @Test
    void aPoolHoldingMoreNowCountsItsReadingAfterCollection() {
        MemoryPoolMXBean eden = pool(MemoryType.HEAP, usage(0), usage(40 * MB));
        MemoryPoolMXBean oldGen = pool(MemoryType.HEAP, usage(12 * MB), usage(20 * MB));
        assertEquals(12 * MB, LiveHeap.usedAfterGc(List.of(eden, oldGen)));
    }

    @Test
    void poolsOutsideTheHeapOrNeverCollectedCountNothing() {
        MemoryPoolMXBean metaspace = pool(MemoryType.NON_HEAP, usage(30 * MB), usage(30 * MB));
        MemoryPoolMXBean uncollected = pool(MemoryType.HEAP, null, usage(5 * MB));
        MemoryPoolMXBean oldGen = pool(MemoryType.HEAP, usage(7 * MB), usage(9 * MB));
        assertEquals(7 * MB, LiveHeap.usedAfterGc(List.of(metaspace, uncollected, oldGen)));
    }

    private static MemoryUsage usage(long used) {
        return new MemoryUsage(0, used, Math.max(used, 64 * MB), 64 * MB);
    }

    /** A pool answering only what LiveHeap asks; anything else would be a change of what it reads. */
    private static MemoryPoolMXBean pool(MemoryType type, MemoryUsage afterCollection, MemoryUsage now) {
        return (MemoryPoolMXBean) Proxy.newProxyInstance(LiveHeapTest.class.getClassLoader(), new Class<?>[] {MemoryPoolMXBean.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getType" -> type;
                    case "getCollectionUsage" -> afterCollection;
                    case "getUsage" -> now;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
