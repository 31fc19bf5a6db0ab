package io.memtune.http.internal;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** The process's CPU time and the JIT's compilation time, from the platform's MXBeans (0 where it cannot tell). */
enum JvmCosts implements WarmUp.Costs {
    INSTANCE;

    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();

    @Override
    public long cpuNanos() {
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? Math.max(0, sun.getProcessCpuTime()) : 0;
    }

    @Override
    public long compileNanos() {
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() * 1_000_000L : 0;
    }
}
