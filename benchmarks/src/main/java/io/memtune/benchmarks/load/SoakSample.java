package io.memtune.benchmarks.load;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's resources at one moment of a soak, {@code second} from its start: the live heap after a full
 * collection, live threads, open file descriptors, loaded classes (hidden ones included), class loaders, and
 * apart from those the JDK's reflection loaders, resident memory.
 *
 * @param classLoaders every class loader but the JDK's reflection loaders: bundles', the JDK's own, any other
 * @param reflectionLoaders {@code jdk.internal.reflect.DelegatingClassLoader}s: up to JDK 17, a method called
 *     reflectively more than 15 times (SCR calls components' activate, modified and bind methods so) gets an
 *     accessor class in a loader of its own, once; JDK 18 and later make none. They are as many as such methods,
 *     so they level off, but they appear whenever a method reaches its 16th call: counted apart, not judged
 * @param requestsLastMinute requests answered in the minute before the sample: the container keeps a minute of
 *     every render's timings (its metrics' sliding windows), so part of its live heap follows the request rate
 */
record SoakSample(double second, long liveHeapBytes, long threads, long openFiles, long classes, long classLoaders, long reflectionLoaders,
        long rssBytes, long requestsLastMinute) {

    static final String REFLECTION_LOADER = "jdk.internal.reflect.DelegatingClassLoader";

    /** The last line of a class histogram: {@code Total <instances> <bytes>}. */
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
    /** The total line of VM.classloader_stats: {@code Total = <loaders> <classes> <chunk bytes> <block bytes>}. */
    private static final Pattern LOADERS_TOTAL = Pattern.compile("(?m)^Total = (\\d+)\\s+(\\d+)\\s");
    private static final Pattern REFLECTION_ROW = Pattern.compile("(?m)\\s" + Pattern.quote(REFLECTION_LOADER) + "\\s*$");

    /**
     * Takes one sample of the JVM {@code pid}. The live heap comes from a class histogram: jcmd's
     * {@code GC.class_histogram} runs a full collection and counts what survived in the same pause, so what the
     * users allocate right after is not counted (as it would be by reading the heap's use after a {@code GC.run}:
     * 15 users allocate megabytes in the time that takes), nor is G1's region slack.
     */
    static SoakSample of(long pid, double second) throws Jcmd.Failed, InterruptedException, java.io.IOException {
        long live = liveHeap(Jcmd.run(pid, Duration.ofSeconds(60), "GC.class_histogram"));
        ClassLoaders loaders = classLoaders(Jcmd.run(pid, Duration.ofSeconds(30), "VM.classloader_stats"));
        return new SoakSample(second, live, ProcStats.threads(pid), ProcStats.openFiles(pid), loaders.classes(),
                loaders.loaders() - loaders.reflection(), loaders.reflection(), ProcStats.rss(pid), 0);
    }

    /** The same sample with the requests answered in the minute before it, counted from the load's per-second series. */
    SoakSample withRequestsFrom(List<LatencySeries.Second> seconds) {
        long requests = seconds.stream().filter(s -> s.second() >= second - 60 && s.second() < second).mapToLong(LatencySeries.Second::answers)
                .sum();
        return new SoakSample(second, liveHeapBytes, threads, openFiles, classes, classLoaders, reflectionLoaders, rssBytes, requests);
    }

    /** The bytes of live objects in a class histogram. */
    static long liveHeap(String histogram) {
        return Long.parseLong(match(HISTOGRAM_TOTAL, histogram, "GC.class_histogram").group(1));
    }

    /** The totals of VM.classloader_stats: loaders (the JDK's reflection loaders among them) and their classes. */
    record ClassLoaders(long loaders, long reflection, long classes) {
    }

    static ClassLoaders classLoaders(String stats) {
        Matcher total = match(LOADERS_TOTAL, stats, "VM.classloader_stats");
        return new ClassLoaders(Long.parseLong(total.group(1)), REFLECTION_ROW.matcher(stats).results().count(),
                Long.parseLong(total.group(2)));
    }

    private static Matcher match(Pattern pattern, String output, String command) {
        Matcher m = pattern.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException(command + " printed no total line: " + output.substring(0, Math.min(300, output.length())));
        }
        return m;
    }
}
