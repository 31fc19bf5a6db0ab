package io.memtune.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time, resident memory, threads and open files, from Linux's /proc (the server is another process). */
final class ProcStats {

    /** Clock ticks a second of /proc/<pid>/stat; 100 on every Linux this runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    /** User and system CPU time so far; {@link ServerStopped} when the process is gone. */
    static long cpuNanos(long pid) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ServerStopped(pid, "no /proc entry any more");
        }
        // fields after the command name (which may hold spaces), from field 3 on
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }

    /**
     * A window over which a server's CPU is measured as a share of its cores (1.0: every core busy): the CPUs it is
     * pinned to, or the whole machine's ({@link ServerPinning}).
     */
    record CpuWindow(long pid, long cpuAtOpen, long nanoTimeAtOpen) {

        private static final int SERVER_CORES = ServerPinning.fromEnvironment().cores();

        static CpuWindow open(long pid) throws IOException {
            return new CpuWindow(pid, ProcStats.cpuNanos(pid), System.nanoTime());
        }

        /** The share from the opening until now. */
        double share() throws IOException {
            return (ProcStats.cpuNanos(pid) - cpuAtOpen) / (double) ((System.nanoTime() - nanoTimeAtOpen)
                    * SERVER_CORES);
        }
    }

    /** The peak resident set (VmHWM). */
    static long peakRss(long pid) throws IOException {
        long kilobytes = status(pid, "VmHWM:");
        return kilobytes < 0 ? -1 : kilobytes * 1024;
    }

    /** The resident set now (VmRSS). */
    static long rss(long pid) throws IOException {
        long kilobytes = status(pid, "VmRSS:");
        return kilobytes < 0 ? -1 : kilobytes * 1024;
    }

    /** Live threads (the kernel's count: every Java thread, GC and compiler threads too). */
    static long threads(long pid) throws IOException {
        return status(pid, "Threads:");
    }

    /** Open file descriptors: files, jars, sockets, pipes (entries of /proc/<pid>/fd). */
    static long openFiles(long pid) throws IOException {
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ServerStopped(pid, "no /proc entry any more");
        }
    }

    /** The number on a line of /proc/<pid>/status, -1 when it has no such line. */
    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
