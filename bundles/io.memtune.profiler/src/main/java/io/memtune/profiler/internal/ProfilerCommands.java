package io.memtune.profiler.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.memtune.api.profiler.ClassHistogramEntry;
import io.memtune.api.profiler.MemoryProfiler;
import io.memtune.api.profiler.MemorySnapshot;
import io.memtune.api.profiler.ProfileInfo;
import io.memtune.api.profiler.ProfileKind;

/**
 * {@code memtune:memory}, {@code memtune:histogram}, {@code memtune:profile list|capture|delete},
 * {@code memtune:heapdump}, {@code memtune:jfr start|stop|dump}. Captures that take a while print progress.
 */
@Component(service = ProfilerCommands.class, property = {
        "osgi.command.scope=memtune",
        "osgi.command.function=memory",
        "osgi.command.function=histogram",
        "osgi.command.function=profile",
        "osgi.command.function=heapdump",
        "osgi.command.function=jfr" })
public final class ProfilerCommands {

    private final MemoryProfiler profiler;

    @Activate
    public ProfilerCommands(@Reference MemoryProfiler profiler) {
        this.profiler = profiler;
    }

    @Descriptor("shows the heap now: used, after GC, committed, max, GC overhead, allocation rate, and every pool")
    public String memory() {
        MemorySnapshot s = profiler.snapshot();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "heap used %s, after GC %s (%.1f%% of max), committed %s, max %s%n",
                mb(s.heapUsed()), mb(s.heapUsedAfterGc()), s.occupancyAfterGc() * 100, mb(s.heapCommitted()), mb(s.heapMax())));
        out.append(String.format(Locale.ROOT, "GC overhead %.2f%%, allocation %s/s, threads %d, classes %d, direct %s%n",
                s.gcOverhead() * 100, mb((long) Math.max(0, s.allocationRate())), s.liveThreads(), s.loadedClasses(),
                mb(s.directBytes())));
        out.append(String.format(Locale.ROOT, "%-36s %-5s %10s %10s %10s %10s%n", "POOL", "HEAP", "USED", "AFTER GC",
                "COMMITTED", "MAX"));
        for (MemorySnapshot.PoolUsage p : s.pools()) {
            out.append(String.format(Locale.ROOT, "%-36s %-5s %10s %10s %10s %10s%n", p.name(), p.heap() ? "yes" : "no",
                    mb(p.used()), p.usedAfterGc() < 0 ? "-" : mb(p.usedAfterGc()), mb(p.committed()), mb(p.max())));
        }
        return out.toString().stripTrailing();
    }

    @Descriptor("lists the classes taking the most heap (live objects: forces a full GC)")
    public String histogram(@Descriptor("how many classes")
            @Parameter(names = "--top", absentValue = "20") int top) {
        if (top < 1) {
            throw new IllegalArgumentException("--top must be at least 1, not " + top);
        }
        return table(profiler.histogram(top));
    }

    @Descriptor("lists the stored profiles, newest first")
    public String profile(@Descriptor("list") String action) {
        if (!"list".equals(action)) {
            throw new IllegalArgumentException("usage: profile list | profile capture histogram|jfr|heapdump"
                    + " | profile delete <id> (got '" + action + "')");
        }
        List<ProfileInfo> profiles = profiler.profiles();
        if (profiles.isEmpty()) {
            return "no profile stored";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-40s %-9s %-24s %12s  %s%n", "ID", "KIND",
                "TIME", "BYTES", "TRIGGER / TOP CLASS"));
        for (ProfileInfo p : profiles) {
            String top = p.summary().isEmpty() ? "" : " / " + p.summary().get(0).className() + " " + mb(p.summary().get(0).bytes());
            out.append(String.format(Locale.ROOT, "%-40s %-9s %-24s %12d  %s%s%n", p.id(), p.kind(), p.time(),
                    p.sizeBytes(), p.trigger(), top));
        }
        return out.toString().stripTrailing();
    }

    @Descriptor("captures a profile (histogram, jfr, heapdump) or deletes one by id")
    public String profile(CommandSession session, @Descriptor("capture or delete") String action,
            @Descriptor("for capture: histogram, jfr or heapdump; for delete: the profile's id") String what)
            throws IOException, InterruptedException {
        switch (action) {
            case "capture":
                ProfileKind kind = kind(what);
                return describe(withProgress(session, "capturing " + what, () -> profiler.capture(kind, "manual")));
            case "delete":
                if (!profiler.delete(what)) {
                    throw new IllegalArgumentException("no profile '" + what + "' (see profile list)");
                }
                return "deleted " + what;
            default:
                throw new IllegalArgumentException("usage: profile list | profile capture histogram|jfr|heapdump"
                        + " | profile delete <id> (got '" + action + "')");
        }
    }

    @Descriptor("dumps the heap to the profile directory (owner-only), with the histogram of the moment")
    public String heapdump(CommandSession session,
            @Descriptor("only reachable objects (forces a full GC); without it every object in the heap")
            @Parameter(names = "--live", presentValue = "true", absentValue = "false") boolean live)
            throws IOException, InterruptedException {
        return describe(withProgress(session, "dumping the heap", () -> profiler.heapDump(live, "manual")));
    }

    @Descriptor("starts, stops (and stores) or dumps (and stores, going on) a JFR recording of memory and allocation")
    public String jfr(@Descriptor("start, stop or dump") String action) throws IOException {
        switch (action) {
            case "start":
                profiler.startRecording();
                return "JFR recording started (memory and allocation events); 'jfr stop' stores it";
            case "stop":
                return describe(profiler.stopRecording("manual"));
            case "dump":
                return describe(profiler.dumpRecording("manual"));
            default:
                throw new IllegalArgumentException("usage: jfr start|stop|dump (got '" + action + "')");
        }
    }

    /** A capture that may take seconds: runs it, printing a line of progress every second. */
    private static ProfileInfo withProgress(CommandSession session, String what, Capture capture)
            throws IOException, InterruptedException {
        CompletableFuture<ProfileInfo> done = CompletableFuture.supplyAsync(() -> {
            try {
                return capture.run();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        PrintStream console = session.getConsole();
        long start = System.nanoTime();
        while (true) {
            try {
                return done.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException stillRunning) {
                console.printf(Locale.ROOT, "%s... %d s%n", what, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
                console.flush();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof java.io.UncheckedIOException ? e.getCause().getCause() : e.getCause();
                if (cause instanceof IOException) {
                    throw (IOException) cause;
                }
                throw cause instanceof RuntimeException ? (RuntimeException) cause : new IllegalStateException(cause);
            }
        }
    }

    @FunctionalInterface
    private interface Capture {
        ProfileInfo run() throws IOException;
    }

    private static ProfileKind kind(String what) {
        switch (what) {
            case "histogram": return ProfileKind.HISTOGRAM;
            case "jfr": return ProfileKind.JFR;
            case "heapdump": return ProfileKind.HEAP_DUMP;
            default: throw new IllegalArgumentException("capture histogram, jfr or heapdump, not '" + what + "'");
        }
    }

    private static String describe(ProfileInfo p) {
        String summary = p.summary().isEmpty() ? "" : "\n" + table(p.summary().subList(0, Math.min(5, p.summary().size())));
        return "stored " + p.kind() + " " + p.id() + " (" + p.sizeBytes() + " bytes) at " + p.file() + summary;
    }

    private static String table(List<ClassHistogramEntry> entries) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%5s %12s %12s  %s%n", "RANK", "INSTANCES", "BYTES", "CLASS"));
        for (ClassHistogramEntry e : entries) {
            out.append(String.format(Locale.ROOT, "%5d %12d %12d  %s%n", e.rank(), e.instances(), e.bytes(), e.className()));
        }
        return out.toString().stripTrailing();
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
