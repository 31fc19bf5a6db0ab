package io.memtune.benchmarks.heap;

import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.memtune.api.template.CompiledTemplate;
import io.memtune.optimizer.core.CompactEngine;
import io.memtune.optimizer.core.CompileLedger;
import io.memtune.optimizer.core.OptimizerSettings;
import io.memtune.optimizer.core.PassPipeline;
import io.memtune.template.core.BaselineRenderer;
import io.memtune.template.core.JsonContexts;
import io.memtune.template.core.MustacheJavaEngine;
import io.memtune.template.core.TemplateClosure;
import io.memtune.template.core.TemplateRepository;

/**
 * One side of the template heap comparison, in a JVM of its own: compiles every template of a corpus the
 * way one mode does and holds them all, as the template cache would, then reports the live heap they add
 * (heap used after full collections, after minus before). Also prints a digest of every template's output,
 * so that the driver can check that all modes render the same.
 *
 * <pre>java ... TemplateHeap CORPUS_DIR plain|tuned|optimized</pre>
 *
 * <ul>
 * <li>{@code plain}: stock Mustache.java as the template bundle's baseline mode uses it: a factory per
 * tenant, partials and parents compiled at every inclusion.</li>
 * <li>{@code tuned}: the same with partials and parents served from the factory's cache (Mustache.java tuned
 * by hand; run it with {@code -XX:+UseStringDeduplication} for the tuned baseline).</li>
 * <li>{@code optimized}: the optimizer's engine with every optimization on.</li>
 * </ul>
 */
public final class TemplateHeap {

    private TemplateHeap() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        String mode = args[1];
        TemplateRepository repository = new TemplateRepository(corpus.resolve("templates"), 1 << 22);
        Map<String, Object> context = new JsonContexts(100).readObject(Files.newInputStream(corpus.resolve("context.json")));
        List<String[]> pages = new ArrayList<>();
        for (String tenant : repository.tenants()) {
            for (String name : repository.names(tenant)) {
                if (name.startsWith("page")) {
                    pages.add(new String[] {tenant, name});
                }
            }
        }
        CompactEngine optimizer = new CompactEngine(OptimizerSettings.ALL, new PassPipeline(Set.of(), 1000),
                new MustacheJavaEngine(), new CompileLedger());
        BaselineRenderer baseline = new BaselineRenderer(repository, mode.equals("tuned"));
        long before = liveHeap();
        long start = System.nanoTime();
        List<CompiledTemplate> held = new ArrayList<>();
        long digest = 0;
        for (String[] page : pages) {
            StringWriter out = new StringWriter();
            if (mode.equals("optimized")) {
                CompiledTemplate compiled = optimizer.compile(TemplateClosure.load(repository, page[0], page[1]));
                held.add(compiled);
                compiled.execute(context, out);
            } else {
                baseline.render(page[0], page[1], context, out); // compiles and keeps it in the tenant's factory
            }
            digest = digest * 31 + out.toString().hashCode();
        }
        long compileMillis = (System.nanoTime() - start) / 1_000_000;
        long after = liveHeap();
        System.out.printf(Locale.ROOT, "{\"mode\":\"%s\",\"templates\":%d,\"live_bytes\":%d,\"compile_ms\":%d,\"digest\":%d}%n",
                mode, pages.size(), after - before, compileMillis, digest);
        if (System.getenv("MEMTUNE_HEAP_PAUSE") != null) {
            Thread.sleep(Long.parseLong(System.getenv("MEMTUNE_HEAP_PAUSE"))); // time for jcmd GC.class_histogram
        }
        // keep everything reachable until measured
        if (held.size() + baseline.compiledCount() < 0) {
            System.out.println(optimizer);
        }
    }

    /** Heap in use after full collections, with time for G1's string deduplication to run between them. */
    static long liveHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            Thread.sleep(150);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
