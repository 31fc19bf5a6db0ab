package io.memtune.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.openjdk.jmh.annotations.Threads;

import io.memtune.api.template.CompiledTemplate;
import io.memtune.api.template.TemplateEngine;
import io.memtune.execution.core.HeldBackWriter;
import io.memtune.optimizer.core.CompactEngine;
import io.memtune.optimizer.core.CompileLedger;
import io.memtune.optimizer.core.OptimizerSettings;
import io.memtune.optimizer.core.PassPipeline;
import io.memtune.template.core.CountingWriter;
import io.memtune.template.core.JsonContexts;
import io.memtune.template.core.MustacheJavaEngine;
import io.memtune.template.core.TemplateClosure;
import io.memtune.template.core.TemplateRepository;

/**
 * Render throughput, two threads, the same templates and contexts: Mustache.java (idiomatic:
 * {@code mustache.execute(writer, context)}) against the optimizer's engine. {@code render} takes a parsed
 * context; {@code renderJson} reads the request's JSON first, as the HTTP endpoint does (the optimizer reads
 * only the names the template can look up). {@code shape} picks the corpus's shape ({@link CorpusShape}): one shape
 * alone with {@code -p shape=api-payload} (README, "For benchmarks").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(2)
public class TemplateRenderBenchmark {

    @Param({"mustache.java", "optimized"})
    public String engine;

    /** What the contexts and pages look like: each is a corpus of its own (see {@link CorpusShape}). */
    @Param({"lean", "api-payload", "wide-lists", "reflective-misses"})
    public String shape;

    /**
     * A corpus of its own, small enough to compile in the set-up: 50 tenants of 20 pages; a shape but lean is
     * written beside it, with the shape's name added ({@code corpus-50x20-api-payload}).
     */
    @Param("benchmarks/target/corpus-50x20")
    public String corpus;

    private List<CompiledTemplate> templates;
    private Map<String, Object> context;
    private byte[] json;
    private final JsonContexts contexts = new JsonContexts(100);

    @Setup(Level.Trial)
    public void compile() throws IOException {
        CorpusShape corpusShape = CorpusShape.of(shape);
        Path dir = Path.of(corpusShape == CorpusShape.LEAN ? corpus : corpus + "-" + corpusShape.option());
        if (!Files.exists(dir.resolve("context.json"))) {
            CorpusGenerator.main(new String[] {"--out", dir.toString(), "--tenants", "50", "--templates", "20", "--shared-ratio",
                    "0.3", "--shape", corpusShape.option()});
        }
        TemplateRepository repository = new TemplateRepository(dir.resolve("templates"), 1 << 22);
        TemplateEngine compiler = engine.equals("optimized") ? new CompactEngine(OptimizerSettings.ALL,
                new PassPipeline(Set.of(), 1000), new MustacheJavaEngine(), new CompileLedger()) : new MustacheJavaEngine();
        templates = new ArrayList<>();
        for (String tenant : repository.tenants()) {
            for (String name : repository.names(tenant)) {
                if (name.startsWith("page")) {
                    templates.add(compiler.compile(TemplateClosure.load(repository, tenant, name)));
                }
            }
        }
        json = Files.readAllBytes(dir.resolve("context.json"));
        context = contexts.readObject(new ByteArrayInputStream(json));
    }

    /**
     * Per thread: where it is in the template list, and the server's output chain: the template service's
     * {@link CountingWriter} over the execution optimizer's {@link HeldBackWriter} (16 K characters held back, encoded
     * to UTF-8), sending to a stream that discards. A sink that only counts would flatter an engine that writes in
     * many small pieces: in the server, each piece goes through that chain.
     */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
        long written;
        final char[] held = new char[16 * 1024];
        final byte[] encoded = new byte[held.length * 3];

        long execute(CompiledTemplate template, Map<String, ?> context) throws IOException {
            HeldBackWriter out = new HeldBackWriter(held, encoded, length -> OutputStream.nullOutputStream());
            CountingWriter counted = new CountingWriter(out);
            template.execute(context, counted);
            out.finish();
            written += counted.count();
            return out.sent();
        }
    }

    @Benchmark
    public long render(Cursor cursor) throws IOException {
        CompiledTemplate template = templates.get(cursor.next++ % templates.size());
        return cursor.execute(template, context);
    }

    @Benchmark
    public long renderJson(Cursor cursor) throws IOException {
        CompiledTemplate template = templates.get(cursor.next++ % templates.size());
        // as the server's modes read it: Mustache.java's side with Jackson's readValue, the optimizer's pruned
        Map<String, Object> parsed = template.readNames() == null ? contexts.readObject(new ByteArrayInputStream(json))
                : contexts.readObject(new ByteArrayInputStream(json), template.readNames(), template.printedNames(),
                        template.scopePrintingSections());
        return cursor.execute(template, parsed);
    }
}
