package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TieredTemplateCacheTest {

    @TempDir
    Path directory;

    private static String render(CachedTemplate t) throws IOException {
        StringWriter out = new StringWriter();
        t.compiled().execute(Map.of("name", "A"), out);
        return out.toString();
    }

    @Test
    void aCompileThatReadItsFileBeforeAChangeOfItStartsAgain() throws IOException {
        TieredTemplateCache cache = new TieredTemplateCache(1 << 20, directory, 1 << 20);
        TemplateKey key = new TemplateKey("acme", "note");
        AtomicInteger loads = new AtomicInteger();
        CachedTemplate cached = cache.get(key, () -> {
            if (loads.incrementAndGet() == 1) {
                // the file changes while this compile is under way: the watcher's invalidation cannot see it
                cache.invalidate(new TemplateRepository.TemplateChange("acme", "note"));
                return new TemplateClosure("acme", "note", Map.of("note", "old {{name}}"), Map.of("note", "acme"));
            }
            return new TemplateClosure("acme", "note", Map.of("note", "new {{name}}"), Map.of("note", "acme"));
        }, new MustacheJavaEngine());
        assertEquals("new A", render(cached));
        assertEquals(2, loads.get());
        assertEquals("new A", render(cache.get(key, () -> {
            throw new AssertionError("cached: no load");
        }, new MustacheJavaEngine())));
    }

    @Test
    void aChangeOfAnotherFileDoesNotCompileAgain() throws IOException {
        TieredTemplateCache cache = new TieredTemplateCache(1 << 20, directory, 1 << 20);
        AtomicInteger loads = new AtomicInteger();
        CachedTemplate cached = cache.get(new TemplateKey("acme", "note"), () -> {
            loads.incrementAndGet();
            cache.invalidate(new TemplateRepository.TemplateChange("acme", "other"));
            return new TemplateClosure("acme", "note", Map.of("note", "old {{name}}"), Map.of("note", "acme"));
        }, new MustacheJavaEngine());
        assertEquals("old A", render(cached));
        assertEquals(1, loads.get());
    }
}
