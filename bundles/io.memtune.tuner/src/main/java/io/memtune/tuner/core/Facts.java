package io.memtune.tuner.core;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

/** What the machine and the JVM are: cores, the container's memory limit, the collector, the flags. */
public final class Facts {

    /** The flags rules look at; a flag this JVM does not have is simply absent. */
    static final List<String> FLAGS = List.of("MaxHeapSize", "UseStringDeduplication", "UseCompactObjectHeaders",
            "MaxGCPauseMillis", "ExplicitGCInvokesConcurrent", "G1PeriodicGCInterval", "UseG1GC", "MaxMetaspaceSize",
            "ReservedCodeCacheSize", "ThreadStackSize", "MaxDirectMemorySize", "InitialHeapSize", "TrimNativeHeapInterval",
            "ParallelGCThreads", "DisableExplicitGC");

    private Facts() {
    }

    public static Map<String, String> jvmFlags() {
        Map<String, String> flags = new LinkedHashMap<>();
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        for (String flag : FLAGS) {
            try {
                VMOption option = hotspot.getVMOption(flag);
                flags.put(flag, option.getValue());
            } catch (IllegalArgumentException absent) {
                // not a flag of this JVM
            }
        }
        return flags;
    }

    public static List<String> collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList();
    }

    /** The cgroup memory limit (v2, else v1), or -1 when the JVM runs unlimited. */
    public static long containerMemoryLimit() {
        for (Path p : List.of(Path.of("/sys/fs/cgroup/memory.max"), Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes"))) {
            try {
                String v = Files.readString(p).trim();
                if (v.equals("max")) {
                    return -1;
                }
                long limit = Long.parseLong(v);
                return limit >= Long.MAX_VALUE / 2 || limit <= 0 ? -1 : limit; // v1 says "unlimited" with a huge number
            } catch (IOException | NumberFormatException e) {
                // not this cgroup version
            }
        }
        return -1;
    }

    /** The process's resident set size in bytes (Linux), or -1. */
    public static long residentSetSize() {
        return status("VmRSS:");
    }

    /** The process's peak resident set size in bytes (Linux), or -1. */
    public static long residentPeak() {
        return status("VmHWM:");
    }

    /** A size line of /proc/self/status in bytes, -1 when there is none (not Linux). */
    private static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    /**
     * What this JVM holds besides the heap: the peaks of class metadata ({@code Metaspace}) and compiled code (the code
     * heaps, or the one {@code CodeCache} when it is not segmented) since the start, the most threads, the resident peak.
     */
    public static GcWindow.NonHeap nonHeap() {
        long metaspace = -1;
        long code = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage peak = pool.getPeakUsage();
            if (pool.getType() != MemoryType.NON_HEAP || peak == null) {
                continue;
            }
            if (pool.getName().equals("Metaspace")) {
                metaspace = peak.getUsed();
            } else if (pool.getName().startsWith("CodeHeap") || pool.getName().equals("CodeCache")) {
                code += peak.getUsed();
            }
        }
        return new GcWindow.NonHeap(metaspace, code == 0 ? -1 : code, ManagementFactory.getThreadMXBean().getPeakThreadCount(),
                residentPeak());
    }
}
