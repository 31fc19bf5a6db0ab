package io.memtune.concurrency.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;

import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

class MemoryLineCheckTest {

    private static ManagedExecutorComponent.Config executor(String name, double memoryLine) {
        return (ManagedExecutorComponent.Config) Proxy.newProxyInstance(ManagedExecutorComponent.Config.class.getClassLoader(),
                new Class<?>[] {ManagedExecutorComponent.Config.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "executor_name" -> name;
                    case "memory_line" -> memoryLine;
                    default -> method.getDefaultValue();
                });
    }

    @Test
    void notReadyWhileTheHeapAfterGcIsAboveTheExecutorsMemoryLine() {
        System.gc(); // the reading is the heap after the last collection: make there be one, with a live set above 0
        Result result = new MemoryLineCheck(executor("render", 1e-9)).execute();
        assertEquals(Result.Status.TEMPORARILY_UNAVAILABLE, result.getStatus());
        String message = result.iterator().next().getMessage();
        assertTrue(message.contains("above the memory line 0.00 of executor render"), message);
    }

    @Test
    void readyBelowTheLine() {
        Result result = new MemoryLineCheck(executor("batch", 1.0)).execute();
        assertEquals(Result.Status.OK, result.getStatus());
        assertTrue(result.iterator().next().getMessage().contains("memory line 1.00 of executor batch"));
    }
}
