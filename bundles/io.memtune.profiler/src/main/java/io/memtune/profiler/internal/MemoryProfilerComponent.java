package io.memtune.profiler.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;

import io.memtune.api.profiler.ClassHistogramEntry;
import io.memtune.api.profiler.MemoryProfiler;
import io.memtune.api.profiler.MemorySnapshot;
import io.memtune.api.profiler.ProfileInfo;
import io.memtune.api.profiler.ProfileKind;
import io.memtune.profiler.core.ClassHistograms;
import io.memtune.profiler.core.PeakDetector;
import io.memtune.profiler.core.ProfileStore;
import io.memtune.profiler.core.Recordings;
import io.memtune.profiler.core.SnapshotTaker;

/**
 * The memory profiler: a snapshot every interval; when one crosses a threshold, a capture (histogram,
 * optionally a JFR recording of the next moments, optionally a heap dump) on a thread of its own, at most
 * once per minimum interval, within the disk budget. A configuration change that cannot be applied (a
 * profile directory that cannot be created or written) is reported and the previous settings stay. A capture
 * that cannot be stored (disk full, over its budget) is counted ({@code memtune.profiler.captures.failed},
 * which the {@code profiler} alert rules watch) as well as logged, and the profiler goes on.
 *
 * <p>Degraded behaviour: without a {@link MetricRegistry} it publishes no gauges; everything else works.
 */
@Component(service = MemoryProfiler.class, immediate = true, configurationPid = MemoryProfilerComponent.PID)
@Designate(ocd = MemoryProfilerComponent.Config.class)
public final class MemoryProfilerComponent implements MemoryProfiler {

    static final String PID = "io.memtune.profiler";
    static final String METRICS = MetricRegistry.name("memtune", "profiler");

    @ObjectClassDefinition(name = "memtune memory profiler", description = "Snapshots, peak thresholds, captures, disk budget.")
    public @interface Config {
        @AttributeDefinition(name = "Snapshot interval (ms)", description = "How often heap, GC and allocation are read.",
                min = "100", max = "3600000")
        long snapshot_interval_ms() default 10_000;

        @AttributeDefinition(name = "Snapshots kept", description = "How many recent snapshots are listed.", min = "1", max = "100000")
        int snapshots_kept() default 360;

        @AttributeDefinition(name = "Profile directory", description = "Where profiles are written (owner-only);"
                + " relative to the installation.")
        String directory() default "data/profiles";

        @AttributeDefinition(name = "Peak: occupancy after GC", description = "Capture when the heap in use after"
                + " GC reaches this share of the maximum heap (0..1).", min = "0", max = "1")
        double peak_occupancy() default 0.85;

        @AttributeDefinition(name = "Peak: allocation rate (bytes/s)", description = "Capture when the JVM allocates"
                + " this fast.", min = "0")
        double peak_allocation_rate() default 1_000_000_000d;

        @AttributeDefinition(name = "Least time between captures (ms)", description = "A sustained peak yields one"
                + " capture per this interval.", min = "0")
        long capture_min_interval_ms() default 300_000;

        @AttributeDefinition(name = "Capture a histogram", description = "At a peak, the top classes by bytes.")
        boolean capture_histogram() default true;

        @AttributeDefinition(name = "Capture a JFR recording", description = "At a peak, a recording of the next"
                + " moments (memory and allocation events).")
        boolean capture_jfr() default false;

        @AttributeDefinition(name = "JFR window (ms)", description = "How long a peak recording runs.", min = "1000",
                max = "3600000")
        long capture_jfr_ms() default 30_000;

        @AttributeDefinition(name = "Capture a heap dump", description = "At a peak, a heap dump of live objects:"
                + " it pauses the JVM, so off by default and best left off in production.")
        boolean capture_heapdump() default false;

        @AttributeDefinition(name = "Histogram lines", description = "Classes kept in a profile's summary.", min = "1", max = "1000")
        int histogram_top() default 20;

        @AttributeDefinition(name = "Budget: files", description = "The most profiles kept; the oldest go first.", min = "1")
        int budget_files() default 20;

        @AttributeDefinition(name = "Budget: bytes", description = "The most bytes of profiles kept.", min = "1024")
        long budget_bytes() default 1L << 30;
    }

    private static final Logger LOG = LoggerFactory.getLogger(MemoryProfilerComponent.class);

    /** What a configuration sets, once it has been found workable. */
    private record Settings(Config config, ProfileStore store, PeakDetector peaks) {
    }

    private final UnaryOperator<String> properties;
    private final Function<String, Path> dataFiles;
    private final SnapshotTaker taker = new SnapshotTaker();
    private final Recordings recordings = new Recordings();
    private final ScheduledExecutorService snapshots;
    private final ExecutorService captures;
    private final Deque<MemorySnapshot> recent = new ArrayDeque<>();
    private final AtomicLong automaticCaptures = new AtomicLong();
    /** Every capture whose profile could not be stored, automatic or asked for: a log line alone goes unseen. */
    private final Counter failedCaptures = new Counter();
    private volatile Settings settings;
    private ScheduledFuture<?> ticking; // guarded by this

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindMetrics")
    void bindMetrics(MetricRegistry registry) {
        registry.register(MetricRegistry.name(METRICS, "occupancy", "after", "gc"),
                (Gauge<Double>) () -> latest().map(MemorySnapshot::occupancyAfterGc).orElse(0.0));
        registry.register(MetricRegistry.name(METRICS, "captures", "automatic"), (Gauge<Long>) automaticCaptures::get);
        registry.register(MetricRegistry.name(METRICS, "captures", "failed"), failedCaptures);
        registry.register(MetricRegistry.name(METRICS, "disk", "bytes"), (Gauge<Long>) () -> settings.store().usedBytes());
        registry.register(MetricRegistry.name(METRICS, "disk", "files"), (Gauge<Integer>) () -> settings.store().count());
        registry.register(MetricRegistry.name(METRICS, "disk", "budget", "used"), (Gauge<Double>) () -> Math.max(
                (double) settings.store().usedBytes() / settings.config().budget_bytes(),
                (double) settings.store().count() / settings.config().budget_files()));
    }

    void unbindMetrics(MetricRegistry registry) {
        registry.removeMatching((name, metric) -> name.startsWith(METRICS + "."));
    }

    @Activate
    public MemoryProfilerComponent(BundleContext context, Config config) throws IOException {
        this(config, context::getProperty, name -> context.getDataFile(name).toPath());
    }

    /**
     * Outside OSGi (the embedded mode).
     *
     * @param properties the launch properties ({@code memtune.home})
     * @param dataFiles a file in the component's private data area, by name
     */
    MemoryProfilerComponent(Config config, UnaryOperator<String> properties, Function<String, Path> dataFiles)
            throws IOException {
        this.properties = properties;
        this.dataFiles = dataFiles;
        this.settings = initialSettings(config);
        this.snapshots = daemon("memtune-profiler-snapshots");
        this.captures = Executors.newSingleThreadExecutor(r -> thread(r, "memtune-profiler-capture"));
        schedule(config);
    }

    @Modified
    void modified(Config config) {
        try {
            settings = settingsOf(config);
            schedule(config);
            LOG.info("profiler settings applied: snapshots every {} ms, profiles in {}", config.snapshot_interval_ms(),
                    settings.store().directory());
        } catch (IOException | RuntimeException e) {
            LOG.error("profiler settings rejected, the previous ones stay: {}", e.getMessage());
        }
    }

    @Deactivate
    void stop() {
        snapshots.shutdownNow();
        captures.shutdownNow();
        recordings.close();
    }

    /** At start there is no previous setting to keep: a bad directory falls back to the bundle's data area. */
    private Settings initialSettings(Config config) throws IOException {
        try {
            return settingsOf(config, resolve(config.directory()));
        } catch (IOException e) {
            Path fallback = dataFiles.apply("profiles");
            LOG.error("profile directory {} unusable ({}); profiles go to {} until the configuration is fixed",
                    resolve(config.directory()), e.getMessage(), fallback);
            return settingsOf(config, fallback);
        }
    }

    private Settings settingsOf(Config config) throws IOException {
        return settingsOf(config, resolve(config.directory()));
    }

    private Settings settingsOf(Config config, Path directory) throws IOException {
        ProfileStore store = new ProfileStore(directory, config.budget_files(), config.budget_bytes());
        store.removedAtStart().forEach(removed -> LOG.warn("profile directory {}: {}", store.directory(), removed));
        return new Settings(config, store, new PeakDetector(config.peak_occupancy(), config.peak_allocation_rate(),
                config.capture_min_interval_ms(), System::currentTimeMillis));
    }

    private Path resolve(String directory) {
        Path p = Path.of(directory);
        String home = properties.apply("memtune.home");
        return p.isAbsolute() || home == null ? p.toAbsolutePath() : Path.of(home).resolve(p);
    }

    private synchronized void schedule(Config config) {
        if (ticking != null) {
            ticking.cancel(false);
        }
        long interval = config.snapshot_interval_ms();
        ticking = snapshots.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            MemorySnapshot snapshot = taker.take();
            Settings s = settings;
            synchronized (recent) {
                recent.addLast(snapshot);
                while (recent.size() > s.config().snapshots_kept()) {
                    recent.removeFirst();
                }
            }
            s.peaks().check(snapshot).ifPresent(trigger -> captures.execute(() -> capturePeak(s, trigger)));
        } catch (RuntimeException e) {
            LOG.warn("snapshot failed: {}", e.toString());
        }
    }

    private void capturePeak(Settings s, String trigger) {
        automaticCaptures.incrementAndGet();
        LOG.warn("memory peak: {}; capturing", trigger);
        try {
            if (s.config().capture_histogram()) {
                storeHistogram(s, trigger);
            }
            if (s.config().capture_heapdump()) {
                storeHeapDump(s, true, trigger);
            }
            if (s.config().capture_jfr() && !recordings.running()) {
                recordings.start();
                captures.execute(() -> finishPeakRecording(s, trigger));
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("capture during a peak failed ({}): {}", trigger, e.getMessage());
        }
    }

    private void finishPeakRecording(Settings s, String trigger) {
        try {
            Thread.sleep(s.config().capture_jfr_ms());
            store(s, ProfileKind.JFR, trigger, ".jfr", recordings::stop, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.error("peak JFR recording failed: {}", e.getMessage());
        }
    }

    private ProfileInfo storeHistogram(Settings s, String trigger) throws IOException {
        String histogram = ClassHistograms.capture();
        return store(s, ProfileKind.HISTOGRAM, trigger, ".txt",
                target -> java.nio.file.Files.writeString(target, histogram),
                ClassHistograms.parse(histogram, s.config().histogram_top()));
    }

    private ProfileInfo storeHeapDump(Settings s, boolean live, String trigger) throws IOException {
        List<ClassHistogramEntry> summary = ClassHistograms.parse(ClassHistograms.capture(), s.config().histogram_top());
        return store(s, ProfileKind.HEAP_DUMP, trigger, ".hprof", target -> Recordings.dumpHeap(target, live), summary);
    }

    /** Every capture is stored through here, so that none fails uncounted. */
    private ProfileInfo store(Settings s, ProfileKind kind, String trigger, String extension, ProfileStore.Producer producer,
            List<ClassHistogramEntry> summary) throws IOException {
        try {
            return s.store().store(kind, trigger, extension, producer, summary);
        } catch (IOException e) {
            failedCaptures.inc();
            throw e;
        }
    }

    @Override
    public MemorySnapshot snapshot() {
        return taker.take();
    }

    @Override
    public List<MemorySnapshot> recentSnapshots() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    private Optional<MemorySnapshot> latest() {
        synchronized (recent) {
            return Optional.ofNullable(recent.peekLast());
        }
    }

    @Override
    public List<ClassHistogramEntry> histogram(int top) {
        return ClassHistograms.parse(ClassHistograms.capture(), top);
    }

    @Override
    public ProfileInfo capture(ProfileKind kind, String trigger) throws IOException {
        Settings s = settings;
        switch (kind) {
            case HISTOGRAM: return storeHistogram(s, trigger);
            case HEAP_DUMP: return storeHeapDump(s, true, trigger);
            default:
                // a JFR capture records the configured window, then stores it
                recordings.start();
                try {
                    Thread.sleep(s.config().capture_jfr_ms());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return stopRecording(trigger);
        }
    }

    @Override
    public ProfileInfo heapDump(boolean live, String trigger) throws IOException {
        return storeHeapDump(settings, live, trigger);
    }

    @Override
    public List<ProfileInfo> profiles() {
        return settings.store().list();
    }

    @Override
    public Optional<ProfileInfo> profile(String id) {
        return settings.store().get(id);
    }

    @Override
    public boolean delete(String id) throws IOException {
        return settings.store().delete(id);
    }

    @Override
    public void startRecording() throws IOException {
        recordings.start();
    }

    @Override
    public ProfileInfo stopRecording(String trigger) throws IOException {
        requireRecording();
        return store(settings, ProfileKind.JFR, trigger, ".jfr", recordings::stop, List.of());
    }

    @Override
    public ProfileInfo dumpRecording(String trigger) throws IOException {
        requireRecording();
        return store(settings, ProfileKind.JFR, trigger, ".jfr", recordings::dump, List.of());
    }

    /** Asking for a recording that is not running is a usage error, not a failed capture: it is not counted. */
    private void requireRecording() throws IOException {
        if (!recordings.running()) {
            throw new IOException("no JFR recording is running: start one first");
        }
    }

    @Override
    public boolean recording() {
        return recordings.running();
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> thread(r, name));
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
