package io.memtune.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import io.memtune.profiler.core.PeakDetector;
import io.memtune.profiler.core.SnapshotTaker;
import io.memtune.template.core.JsonContexts;
import io.memtune.template.core.MustacheJavaEngine;
import io.memtune.template.core.TemplateRenderer;
import io.memtune.template.core.TemplateRepository;
import io.memtune.template.core.TieredTemplateCache;

/**
 * What the memory profiler costs the template service: render throughput of a generated corpus (2
 * threads) with the profiler's periodic work off, at its default interval (10 s), and at an aggressive
 * 100 ms, side by side in one run. The periodic work is what the profiler component does each tick: a
 * snapshot from the MXBeans and a peak check (thresholds not crossed, so no capture).
 *
 * <pre>benchmarks/run-jmh.sh ProfilerOverheadBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
public class ProfilerOverheadBenchmark {

    /** {@code off}, or the snapshot interval in milliseconds. */
    @Param({"off", "10000", "100"})
    public String profiler;

    private TemplateRenderer renderer;
    private byte[] context;
    private ScheduledExecutorService ticks;
    private Path corpus;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        corpus = Files.createTempDirectory("memtune-bench");
        CorpusGenerator.generate(new CorpusGenerator.Settings(corpus, 50, 10, 0.3, 0.2, 42));
        renderer = new TemplateRenderer(new TemplateRepository(corpus.resolve("templates"), 1 << 20), new JsonContexts(100),
                new TieredTemplateCache(256L << 20, null, 0), TemplateRenderer.OPTIMIZED, MustacheJavaEngine::new, () -> null);
        context = Files.readAllBytes(corpus.resolve("context.json"));
        if (!"off".equals(profiler)) {
            long interval = Long.parseLong(profiler);
            SnapshotTaker taker = new SnapshotTaker();
            PeakDetector peaks = new PeakDetector(0.99, 1e12, 300_000, System::currentTimeMillis);
            ticks = Executors.newSingleThreadScheduledExecutor();
            ticks.scheduleWithFixedDelay(() -> peaks.check(taker.take()), interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (ticks != null) {
            ticks.shutdownNow();
        }
    }

    private int next;

    @Benchmark
    public int render() {
        int i = Math.floorMod(next++, 500);
        StringWriter out = new StringWriter();
        renderer.renderJson(String.format("tenant%05d", i / 10), "page" + (i % 10) + ".html",
                new ByteArrayInputStream(context), out);
        return out.getBuffer().length();
    }
}
