package io.memtune.http.internal;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;

/**
 * The process's CPU time, a thread's, and the JIT's compilation time, from the platform's MXBeans (0 where it cannot
 * tell).
 */
enum JvmCosts implements WarmUp.Costs {
    INSTANCE;

    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Override
    public long cpuNanos() {
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? Math.max(0, sun.getProcessCpuTime()) : 0;
    }

    @Override
    public long compileNanos() {
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() * 1_000_000L : 0;
    }

    @SuppressWarnings("deprecation") // Thread.getId: threadId() is Java 19's, and this is built for 17
    @Override
    public long threadCpuNanos(Thread thread) {
        return threads.isThreadCpuTimeSupported() ? Math.max(0, threads.getThreadCpuTime(thread.getId())) : 0;
    }
}
