package io.memtune.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * One container of the tenant-scale benchmark: started on a corpus in one mode, every page rendered once (its output
 * digested, so modes are checked to render the same), then a Zipf-distributed load; then measured from outside: the
 * live heap (a class histogram's total, after the full collection it starts with), resident memory, the template
 * cache's counters over the Zipf load, full collections the JVM had to make on its own (its GC log), and in optimized
 * mode what {@code memtune:template-memory} says the templates hold.
 */
final class ScaleRun {

    /** A mode of the benchmark: the template service's mode, partial caching in baseline mode, the memory tier's budget. */
    record Mode(String name, String serviceMode, boolean partialsCached, long memoryTierBytes) {

        boolean optimized() {
            return serviceMode.equals("optimized");
        }
    }

    /** The template cache's counters, by tier and name (hits, misses, evictions, reloads, rejected, bytes, entries). */
    record CacheCounters(Map<String, Double> values) {

        double get(String tier, String name) {
            return values.getOrDefault(name + "{" + tier + "}", 0.0);
        }

        CacheCounters minus(CacheCounters before) {
            Map<String, Double> d = new LinkedHashMap<>();
            values.forEach((k, v) -> d.put(k, v - before.values.getOrDefault(k, 0.0)));
            return new CacheCounters(d);
        }
    }

    /**
     * What one run measured.
     *
     * @param liveHeapBytes the class histogram's total after a full collection
     * @param rssBytes resident memory at the end; {@code peakRssBytes} its high-water mark
     * @param digest the outputs of the render-once pass (equal across modes when they render the same)
     * @param failures requests not answered 200, in both phases
     * @param fullGcs full collections the JVM made on its own (not jcmd's)
     * @param zipf the cache counters' change over the Zipf phase
     * @param workingSetBytes the memory tier's bytes after every page was rendered once
     * @param templateMemoryBytes what memtune:template-memory says the templates hold (optimized), else -1
     */
    record Result(String mode, long liveHeapBytes, long rssBytes, long peakRssBytes, long digest, long failures,
            double renderOnceSeconds, double zipfSeconds, long zipfRequests, long fullGcs, CacheCounters zipf,
            long workingSetBytes, long templateMemoryBytes) {

        double memoryHitRatio() {
            double hits = zipf.get("tier=\"memory\"", "hits");
            double lookups = hits + zipf.get("tier=\"memory\"", "misses");
            return lookups == 0 ? 0 : hits / lookups;
        }
    }

    /** How long a container may take to say it is ready: its watcher's first scan of a million files takes a while. */
    private static final Duration READY = Duration.ofMinutes(10);
    /** Renders of each page of the baseline's one tenant. */
    static final int WARM_UP_RENDERS = 50;
    private static final Pattern CACHE = Pattern.compile("(?m)^memtune_template_cache_(\\w+)\\{(tier=\"\\w+\")\\} (\\S+)$");
    private static final Pattern TEMPLATE_MEMORY = Pattern.compile("the templates hold ([0-9.]+) (B|KB|MB) for");

    private final Bench bench;
    private final ScaleCorpus corpus;
    private final List<String> flags;
    private final int connections;

    ScaleRun(Bench bench, ScaleCorpus corpus, List<String> flags, int connections) {
        this.bench = bench;
        this.corpus = corpus;
        this.flags = flags;
        this.connections = connections;
    }

    /**
     * The environment file of a run: templates from {@code root}, the container's warm-up off (it renders pages of its
     * own), a short metric history and no alert evaluation (their sample windows grow for minutes after a start,
     * whatever the templates: noise in a heap measured against another container's).
     */
    String environment(Path root, Mode mode) {
        return "{\n"
                + "  \"org.apache.felix.http\": {\"org.apache.felix.http.host\": \"127.0.0.1\", \"org.osgi.service.http.port\": "
                + bench.port() + "},\n"
                + "  \"io.memtune.template\": {\"templates.root\": \"" + root + "\", \"mode\": \"" + mode.serviceMode()
                + "\", \"baseline.partials.cached\": " + mode.partialsCached() + ", \"cache.memory.bytes\": "
                + mode.memoryTierBytes() + "},\n"
                + "  \"io.memtune.http.warmup\": {\"warmup.seconds\": 0},\n"
                + "  \"io.memtune.monitoring.history\": {\"resolution.ms\": 1000, \"capacity\": 30},\n"
                + "  \"io.memtune.alerting\": {\"evaluation.interval.ms\": 86400000},\n"
                + "  \"io.memtune.concurrency.executor~render\": {\"executor.name\": \"render\", \"workers.min\": 2,"
                + " \"workers.max\": 4, \"queue.interactive\": 1000, \"deadline.ms\": 60000, \"shed.target.ms\": 60000,"
                + " \"shed.interval.ms\": 60000}\n"
                + "}\n";
    }

    /**
     * What every run is compared to: the live heap of the same container with a repository of one tenant (the corpus's
     * shared files and first tenant's pages), each page rendered {@value #WARM_UP_RENDERS} times over the same
     * connections, so that the request path's classes, buffers and pools exist as in the runs; after {@code settle}.
     */
    long baselineLiveHeap(Mode mode, Duration settle) throws Exception {
        Path root = warmUpRepository();
        try (Server server = Server.startWith(bench, mode.name() + "-baseline", runFlags("baseline-" + mode.name()),
                environment(root, mode), READY)) {
            failIfAny(send(server.base(), (long) corpus.pages() * WARM_UP_RENDERS, i -> i % corpus.pages(), null), "baseline");
            Thread.sleep(settle.toMillis());
            return liveHeap(server.pid(), bench.work().resolve("histogram-baseline-" + mode.name() + ".txt"));
        }
    }

    /** {@code _shared} and the first tenant of the corpus, as a repository of its own. */
    private Path warmUpRepository() throws IOException {
        Path root = bench.work().resolve("warm-up-" + corpus.directory().getFileName()).resolve("templates");
        if (!Files.exists(root)) {
            Path from = corpus.directory().resolve("templates");
            for (String directory : List.of("_shared", "tenant00000")) {
                try (var files = Files.walk(from.resolve(directory))) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        Path to = root.resolve(from.relativize(f).toString());
                        Files.createDirectories(to.getParent());
                        Files.copy(f, to);
                    }
                }
            }
        }
        return root;
    }

    private static void failIfAny(long failures, String what) {
        if (failures > 0) {
            throw new IllegalStateException(what + ": " + failures + " requests were not answered 200");
        }
    }

    Result run(Mode mode, long zipfRequests, double exponent, Duration settle) throws Exception {
        String label = corpus.tenants() + "-" + mode.name();
        try (Server server = Server.startWith(bench, mode.name(), runFlags(label),
                environment(corpus.directory().resolve("templates"), mode), READY)) {
            long failures = 0;
            long start = System.nanoTime();
            LongAdder digest = new LongAdder();
            failures += send(server.base(), corpus.totalPages(), i -> i, digest);
            double renderOnce = (System.nanoTime() - start) / 1e9;
            CacheCounters afterOnce = counters(server.base());
            ZipfPages zipf = new ZipfPages((int) corpus.totalPages(), exponent, 7);
            start = System.nanoTime();
            failures += send(server.base(), zipfRequests, new ZipfDraws(zipf), null);
            double zipfSeconds = (System.nanoTime() - start) / 1e9;
            CacheCounters afterZipf = counters(server.base());
            server.requireAlive();
            Thread.sleep(settle.toMillis());
            long live = liveHeap(server.pid(), bench.work().resolve("histogram-" + label + ".txt"));
            long templateMemory = mode.optimized() ? templateMemory() : -1;
            return new Result(mode.name(), live, ProcStats.rss(server.pid()), ProcStats.peakRss(server.pid()), digest.sum(),
                    failures, renderOnce, zipfSeconds, zipfRequests, fullGcs(bench.work().resolve("gc-" + label + ".log")),
                    afterZipf.minus(afterOnce), (long) afterOnce.get("tier=\"memory\"", "bytes"), templateMemory);
        }
    }

    private List<String> runFlags(String label) {
        List<String> all = new ArrayList<>(flags);
        all.add("-Xlog:gc:file=" + bench.work().resolve("gc-" + label + ".log"));
        return all;
    }

    /** Draws of a Zipf distribution, one {@link Random} per sending thread (seeded in the order the threads start). */
    private static final class ZipfDraws implements LongUnaryOperator {
        private final ZipfPages zipf;
        private final AtomicLong seeds = new AtomicLong(11);
        private final ThreadLocal<Random> random = ThreadLocal.withInitial(() -> new Random(seeds.getAndIncrement()));

        ZipfDraws(ZipfPages zipf) {
            this.zipf = zipf;
        }

        @Override
        public long applyAsLong(long request) {
            return zipf.next(random.get());
        }
    }

    /**
     * Sends {@code requests} requests, the i-th to the page {@code page(i)}, over {@link #connections} connections;
     * adds a digest of each answer to {@code digest} when given. Returns how many were not answered 200.
     */
    private long send(URI base, long requests, LongUnaryOperator page, LongAdder digest) throws Exception {
        byte[] body = corpus.context();
        AtomicLong next = new AtomicLong();
        LongAdder failed = new LongAdder();
        ExecutorService senders = Executors.newFixedThreadPool(connections);
        try (BlockingHttp http = new BlockingHttp(connections, Duration.ofSeconds(60))) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                done.add(senders.submit(() -> {
                    for (long i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        long index = page.applyAsLong(i);
                        String path = corpus.path(index);
                        try {
                            BlockingHttp.Answer answer = http.exchange(base.resolve(path), body);
                            if (answer.status() != 200) {
                                failed.increment();
                            } else if (digest != null) {
                                CRC32C crc = new CRC32C();
                                crc.update(answer.body());
                                digest.add((index + 1) * crc.getValue());
                            }
                        } catch (IOException e) {
                            failed.increment();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            senders.shutdownNow();
        }
        return failed.sum();
    }

    /** The template cache's counters from the container's Prometheus text. */
    private CacheCounters counters(URI base) throws IOException, InterruptedException {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        String text = client.send(java.net.http.HttpRequest.newBuilder(base.resolve("metrics")).timeout(Duration.ofSeconds(30))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> values = new LinkedHashMap<>();
        Matcher m = CACHE.matcher(text);
        while (m.find()) {
            values.put(m.group(1) + "{" + m.group(2) + "}", Double.parseDouble(m.group(3)));
        }
        return new CacheCounters(values);
    }

    /** The live heap from a class histogram (the least of two, each after its own full collection); kept in {@code save}. */
    private static long liveHeap(long pid, Path save) throws Exception {
        String first = Jcmd.run(pid, Duration.ofMinutes(5), "GC.class_histogram");
        String second = Jcmd.run(pid, Duration.ofMinutes(5), "GC.class_histogram");
        if (save != null) {
            Files.writeString(save, second);
        }
        return Math.min(SoakSample.liveHeap(first), SoakSample.liveHeap(second));
    }

    /** What memtune:template-memory says (through the distribution's client), or -1 when it cannot be read. */
    private long templateMemory() throws IOException, InterruptedException {
        ExternalCommand.Answer answer = ExternalCommand.run(List.of(bench.home().resolve("bin/memtune").toString(), "client",
                "memtune:template-memory --top 1"), Duration.ofMinutes(2));
        Matcher m = TEMPLATE_MEMORY.matcher(answer.output());
        if (!answer.ok() || !m.find()) {
            return -1;
        }
        double unit = switch (m.group(2)) {
            case "MB" -> 1 << 20;
            case "KB" -> 1 << 10;
            default -> 1;
        };
        return (long) (Double.parseDouble(m.group(1)) * unit);
    }

    /** Full collections in a GC log that the JVM made on its own: not System.gc, jcmd's, or a heap inspection. */
    static long fullGcs(Path log) throws IOException {
        if (!Files.exists(log)) {
            return -1;
        }
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("Pause Full") && !l.contains("System.gc") && !l.contains("Diagnostic Command")
                    && !l.contains("Heap Inspection")).count();
        }
    }
}
