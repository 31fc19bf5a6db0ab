package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.memtune.api.template.CacheTier;
import io.memtune.api.template.CompiledTemplate;
import io.memtune.api.template.TemplateEngine;
import io.memtune.api.template.TemplateSource;

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

    /** Compiled forms that weigh {@code bytes} and print their page's text: what a tier keeps is visible. */
    private static TemplateEngine weighing(long bytes) {
        return new TemplateEngine() {
            @Override
            public String name() {
                return "weighing";
            }

            @Override
            public CompiledTemplate compile(TemplateSource source) {
                String text = source.text();
                return new CompiledTemplate() {
                    @Override
                    public void execute(Map<String, ?> context, Writer out) throws IOException {
                        out.write(text);
                    }

                    @Override
                    public long estimatedBytes() {
                        return bytes;
                    }
                };
            }
        };
    }

    /** A repository of {@code tenants} x {@code pages}, each page's text its address; counts its loads. */
    private static final class Pages {
        final AtomicInteger loads = new AtomicInteger();
        final String padding;

        Pages() {
            this(0);
        }

        /** @param padding characters added to every text */
        Pages(int padding) {
            this.padding = " ".repeat(padding);
        }

        CachedTemplate render(TieredTemplateCache cache, TemplateEngine engine, int tenant, int page) throws IOException {
            String t = "tenant" + tenant;
            String name = "page" + page;
            CachedTemplate cached = cache.get(new TemplateKey(t, name), () -> {
                loads.incrementAndGet();
                return new TemplateClosure(t, name, Map.of(name, t + "/" + name + " {{name}}" + padding), Map.of(name, t));
            }, engine);
            StringWriter out = new StringWriter();
            cached.compiled().execute(Map.of(), out);
            assertEquals(t + "/" + name + " {{name}}" + padding, out.toString(), "the page's own text");
            return cached;
        }
    }

    private static CacheTier tier(TieredTemplateCache cache, String name) {
        return cache.tiers().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aMemoryTierBelowTheWorkingSetEvictsAndRecompilesFromTheDiskTierCountedAsReloads() throws IOException {
        TieredTemplateCache cache = new TieredTemplateCache(1 << 20, directory, 1 << 20);
        TemplateEngine engine = weighing(100_000); // ten fit in the memory tier; the working set is 200
        Pages pages = new Pages();
        for (int round = 0; round < 2; round++) {
            for (int t = 0; t < 20; t++) {
                for (int p = 0; p < 10; p++) {
                    pages.render(cache, engine, t, p);
                }
            }
        }
        CacheTier memory = tier(cache, "memory");
        CacheTier disk = tier(cache, "disk");
        assertEquals(200, pages.loads.get(), "each page read from the repository once, reloaded from the disk tier after");
        assertTrue(memory.evictions() >= 190, "evicted to stay in budget: " + memory);
        assertTrue(memory.estimatedBytes() <= 1 << 20, "within budget: " + memory);
        assertEquals(memory.misses() - 200, memory.reloads(), "every miss past the first compile is a reload: " + memory);
        assertTrue(memory.reloads() >= 190, memory.toString());
        assertEquals(memory.reloads(), disk.reloads(), "every reload came from the disk tier: " + disk);
        assertEquals(200, disk.entries(), disk.toString());
        assertEquals(0, disk.rejected(), disk.toString());
    }

    @Test
    void aDiskTierThatCannotHoldTheRepositoryServesEveryPageFromTheRepositoryAndSaysSo() throws IOException {
        TieredTemplateCache cache = new TieredTemplateCache(1 << 20, directory, 400); // segments of 50 bytes
        TemplateEngine engine = weighing(100_000);
        Pages pages = new Pages(200); // closures of 200 bytes and more
        for (int round = 0; round < 2; round++) {
            for (int p = 0; p < 50; p++) {
                pages.render(cache, engine, 0, p);
            }
        }
        CacheTier memory = tier(cache, "memory");
        CacheTier disk = tier(cache, "disk");
        assertEquals(memory.misses(), pages.loads.get(), "every compile read the repository: " + memory);
        assertEquals(memory.misses(), disk.rejected(), "and the disk tier refused every closure: " + disk);
        assertEquals(0, disk.entries());
        assertEquals(0, disk.reloads());
        assertTrue(memory.reloads() > 0, memory.toString());
    }

    @Test
    void aTemplateBiggerThanTheWholeMemoryTierIsCompiledForItsRenderAndCountedNotRefused() throws IOException {
        TieredTemplateCache cache = new TieredTemplateCache(10_000, directory, 1 << 20);
        TemplateEngine engine = weighing(50_000);
        Pages pages = new Pages();
        pages.render(cache, engine, 0, 0);
        pages.render(cache, engine, 0, 0);
        CacheTier memory = tier(cache, "memory");
        assertEquals(2, memory.rejected(), memory.toString());
        assertEquals(0, memory.entries(), memory.toString());
        assertEquals(1, memory.reloads(), "the second render compiled it again: " + memory);
        assertEquals(1, pages.loads.get(), "from the disk tier");
    }

    @Test
    void tightTiersUnderConcurrentRendersNeitherHangNorFail() throws Exception {
        TieredTemplateCache cache = new TieredTemplateCache(300_000, directory, 4096);
        TemplateEngine engine = weighing(40_000);
        Pages pages = new Pages();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    int worker = w;
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < 2_000; i++) {
                            int n = (i * 31 + worker * 7) % 300;
                            pages.render(cache, engine, n / 20, n % 20);
                            if (i % 500 == 0) {
                                cache.invalidate(new TemplateRepository.TemplateChange("tenant" + (n / 20), "page" + (n % 20)));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                threads.shutdownNow();
            }
        });
        CacheTier memory = tier(cache, "memory");
        // a render whose compile overlapped an invalidation of its page looks twice
        assertTrue(memory.hits() + memory.misses() >= 8_000, memory.toString());
        assertTrue(memory.evictions() > 0 && memory.reloads() > 0, memory.toString());
        assertTrue(memory.estimatedBytes() <= 300_000, memory.toString());
    }
}
