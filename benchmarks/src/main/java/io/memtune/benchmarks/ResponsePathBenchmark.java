package io.memtune.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import io.memtune.execution.core.HeldBackWriter;
import io.memtune.optimizer.core.CompactEngine;
import io.memtune.optimizer.core.CompileLedger;
import io.memtune.optimizer.core.OptimizerSettings;
import io.memtune.optimizer.core.PassPipeline;
import io.memtune.template.core.JsonContexts;
import io.memtune.template.core.MustacheJavaEngine;
import io.memtune.template.core.TemplateClosure;
import io.memtune.template.core.TemplateRepository;

/**
 * What one response costs in allocation, from the request's JSON to the bytes on the wire, for the same page:
 * {@code string} is the endpoint without the execution optimizer (the page rendered into a
 * {@code StringWriter}, turned into a {@code String} and then into a {@code byte[]}); {@code streamed} is the
 * execution optimizer's path (rendered into a held-back char buffer, encoded into a byte buffer, both reused
 * as the buffer pool would lend them). Run with {@code -prof gc} for bytes per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
public class ResponsePathBenchmark {

    @Param({"string", "streamed"})
    public String path;

    /** How many item rows the page has: the page grows with it (about 60 bytes a row). */
    @Param({"3", "300"})
    public int rows;

    private CompiledTemplate page;
    private byte[] json;
    private final JsonContexts contexts = new JsonContexts(100);
    private final char[] chars = new char[16 * 1024];
    private final byte[] bytes = new byte[48 * 1024];
    private final OutputStream wire = OutputStream.nullOutputStream();

    @Setup(Level.Trial)
    public void compile() throws IOException {
        Path dir = Path.of("benchmarks/target/corpus-50x20");
        if (!Files.exists(dir.resolve("context.json"))) {
            CorpusGenerator.main(new String[] {"--out", dir.toString(), "--tenants", "50", "--templates", "20", "--shared-ratio", "0.3"});
        }
        TemplateRepository repository = new TemplateRepository(dir.resolve("templates"), 1 << 22);
        page = new CompactEngine(OptimizerSettings.ALL, new PassPipeline(Set.of(), 1000), new MustacheJavaEngine(),
                new CompileLedger()).compile(TemplateClosure.load(repository, "tenant00001", "page10.html"));
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            items.append(i == 0 ? "" : ",").append("{\"name\": \"item ").append(i).append("\", \"price\": ").append(i)
                    .append(".5, \"tags\": [\"a\", \"b\"]}");
        }
        json = ("{\"brand\": \"Example\", \"title\": \"Report\", \"user\": {\"name\": \"Ada\"}, \"year\": 2026,"
                + " \"notice\": \"<b>escaped</b>\", \"items\": [" + items + "]}").getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public long respond() throws IOException {
        Map<String, Object> context = contexts.readObject(new ByteArrayInputStream(json), page.readNames(), page.printedNames());
        if (path.equals("string")) {
            StringWriter out = new StringWriter();
            page.execute(context, out);
            byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
            wire.write(body);
            return body.length;
        }
        HeldBackWriter out = new HeldBackWriter(chars, bytes, length -> wire);
        page.execute(context, out);
        out.finish();
        return out.sent();
    }
}
