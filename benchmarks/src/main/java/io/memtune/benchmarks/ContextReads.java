package io.memtune.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

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
 * How much of a corpus's context its pages read: each page is rendered by Mustache.java over the context whose maps
 * record the members looked up in them, and the context cut down to those members (lists kept whole: their length
 * shows) is weighed against the whole, both written as compact JSON. Measured, not assumed from the generator's
 * intent: what a template reaches through partials, parents and outer scopes counts. Also weighs what optimized
 * mode's pruned reader keeps of it (the names a template can look up, at any depth), which is more than a page reads
 * where the engine cannot prune (a page that prints {@code {{.}}} may print anything, so it is read whole).
 */
public final class ContextReads {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param contextBytes the whole context, compact JSON
     * @param readBytes per page measured, what it read (sorted)
     * @param prunedBytes per page, what the optimizer's pruned reader keeps (sorted)
     */
    public record Measurement(long contextBytes, List<Long> readBytes, List<Long> prunedBytes) {

        /** The median page's read. */
        public long medianRead() {
            return readBytes.get(readBytes.size() / 2);
        }

        /** Bytes a page does not read per byte it reads (median page): "3x unread data" is 3. */
        public double unreadRatio() {
            return (contextBytes - medianRead()) / (double) medianRead();
        }

        public long medianPruned() {
            return prunedBytes.get(prunedBytes.size() / 2);
        }

        @Override
        public String toString() {
            return String.format("context %,d bytes; a page reads %,d of them (median of %d pages, %,d to %,d): %,d unread"
                    + " bytes, %.1fx what it reads (the context is %.1fx the read); the optimizer's pruned reader keeps %,d"
                    + " bytes (%.1fx the read)", contextBytes, medianRead(), readBytes.size(), readBytes.get(0),
                    readBytes.get(readBytes.size() - 1), contextBytes - medianRead(), unreadRatio(),
                    contextBytes / (double) medianRead(), medianPruned(), medianPruned() / (double) medianRead());
        }
    }

    private ContextReads() {
    }

    /** The pages ({@code page*}) of the first {@code tenants} tenants of a generated corpus, against its context.json. */
    public static Measurement measure(Path corpus, int tenants) throws IOException {
        TemplateRepository repository = new TemplateRepository(corpus.resolve("templates"), 1 << 22);
        BaselineRenderer mustacheJava = new BaselineRenderer(repository);
        CompactEngine optimizer = new CompactEngine(OptimizerSettings.ALL, new PassPipeline(Set.of(), 1000),
                new MustacheJavaEngine(), new CompileLedger());
        JsonContexts contexts = new JsonContexts(100);
        byte[] json = Files.readAllBytes(corpus.resolve("context.json"));
        Map<String, Object> whole = contexts.readObject(new ByteArrayInputStream(json));
        List<Long> read = new ArrayList<>();
        List<Long> pruned = new ArrayList<>();
        for (String tenant : repository.tenants().subList(0, Math.min(tenants, repository.tenants().size()))) {
            for (String name : repository.names(tenant)) {
                if (!name.startsWith("page")) {
                    continue;
                }
                Recording recording = Recording.of(whole);
                mustacheJava.render(tenant, name, recording, new StringWriter());
                read.add(bytes(recording.read()));
                CompiledTemplate compiled = optimizer.compile(TemplateClosure.load(repository, tenant, name));
                pruned.add(bytes(contexts.readObject(new ByteArrayInputStream(json), compiled.readNames(),
                        compiled.printedNames())));
            }
        }
        if (read.isEmpty()) {
            throw new IllegalArgumentException(corpus + " has no page* templates to measure");
        }
        Collections.sort(read);
        Collections.sort(pruned);
        return new Measurement(bytes(whole), List.copyOf(read), List.copyOf(pruned));
    }

    private static long bytes(Object value) throws IOException {
        return JSON.writeValueAsBytes(value).length;
    }

    /** A JSON object that notes which of its members a render looked up (found ones: a miss reads nothing). */
    private static final class Recording extends LinkedHashMap<String, Object> {

        private static final long serialVersionUID = 1L;

        private final transient Set<Object> looked = new HashSet<>();

        static Recording of(Map<?, ?> map) {
            Recording recording = new Recording();
            map.forEach((k, v) -> recording.put((String) k, wrap(v)));
            return recording;
        }

        private static Object wrap(Object value) {
            if (value instanceof Map<?, ?> map) {
                return of(map);
            }
            if (value instanceof List<?> list) {
                List<Object> copy = new ArrayList<>();
                list.forEach(item -> copy.add(wrap(item)));
                return copy;
            }
            return value;
        }

        @Override
        public boolean containsKey(Object key) {
            boolean present = super.containsKey(key);
            if (present) {
                looked.add(key);
            }
            return present;
        }

        @Override
        public Object get(Object key) {
            if (super.containsKey(key)) {
                looked.add(key);
            }
            return super.get(key);
        }

        @Override
        public Object getOrDefault(Object key, Object defaultValue) {
            return containsKey(key) ? get(key) : defaultValue;
        }

        /** Printed whole ({@code {{.}}} on a map): every member is read. */
        @Override
        public String toString() {
            looked.addAll(keySet());
            return super.toString();
        }

        /** What was looked up, at every depth. */
        Map<String, Object> read() {
            Map<String, Object> read = new LinkedHashMap<>();
            forEach((k, v) -> {
                if (looked.contains(k)) {
                    read.put(k, readOf(v));
                }
            });
            return read;
        }

        private static Object readOf(Object value) {
            if (value instanceof Recording recording) {
                return recording.read();
            }
            if (value instanceof List<?> list) {
                List<Object> read = new ArrayList<>();
                list.forEach(item -> read.add(readOf(item)));
                return read;
            }
            return value;
        }
    }
}
