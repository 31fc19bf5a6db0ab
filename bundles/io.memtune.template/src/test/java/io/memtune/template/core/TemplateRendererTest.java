package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.memtune.api.template.CacheTier;
import io.memtune.api.template.TemplateEngine;
import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateException.Kind;

class TemplateRendererTest {

    @TempDir
    Path root;

    @TempDir
    Path cacheDir;

    private final TemplateEngine engine = new MustacheJavaEngine();

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative + ".mustache");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private TemplateRenderer renderer(String mode, long memoryBytes) throws IOException {
        TieredTemplateCache cache = new TieredTemplateCache(memoryBytes, cacheDir, 1 << 20);
        return new TemplateRenderer(new TemplateRepository(root, 1 << 20), new JsonContexts(50), cache, mode,
                () -> engine, () -> Map.of("css_site_css", "/static/css/site.12345678.css"));
    }

    private static String render(TemplateRenderer r, String tenant, String name, String json) {
        StringWriter out = new StringWriter();
        r.renderJson(tenant, name, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString();
    }

    private void sampleTenant() throws IOException {
        write("_shared/layout.html", "<title>{{$title}}{{/title}}</title>{{>header}}{{$body}}{{/body}}"
                + "<link href=\"{{assets.css_site_css}}\">");
        write("_shared/header", "<h1>{{brand}}</h1>");
        write("acme/header", "<h1>ACME {{brand}}</h1>");
        write("acme/page.html", "{{<layout.html}}{{$title}}Hi {{name}}{{/title}}{{$body}}{{#items}}<li>{{.}}</li>{{/items}}"
                + "{{/body}}{{/layout.html}}");
        Files.createDirectories(root.resolve("globex"));
        write("globex/page.html", "{{<layout.html}}{{$body}}globex{{/body}}{{/layout.html}}");
    }

    @Test
    void bothModesRenderTheSameWithAssetsAndTenantOverrides() throws IOException {
        sampleTenant();
        String json = "{\"name\": \"Ada\", \"brand\": \"<b>\", \"items\": [1, 2]}";
        String optimized = render(renderer(TemplateRenderer.OPTIMIZED, 1 << 20), "acme", "page.html", json);
        String baseline = render(renderer(TemplateRenderer.BASELINE, 1 << 20), "acme", "page.html", json);
        assertEquals("<title>Hi Ada</title><h1>ACME &lt;b&gt;</h1><li>1</li><li>2</li>"
                + "<link href=\"/static/css/site.12345678.css\">", optimized);
        assertEquals(optimized, baseline);
        assertEquals(render(renderer(TemplateRenderer.BASELINE, 1 << 20), "globex", "page.html", json),
                render(renderer(TemplateRenderer.OPTIMIZED, 1 << 20), "globex", "page.html", json));
    }

    @Test
    void unknownTenantAndTemplateAreNotFoundInBothModes() throws IOException {
        sampleTenant();
        for (String mode : List.of(TemplateRenderer.BASELINE, TemplateRenderer.OPTIMIZED)) {
            TemplateRenderer r = renderer(mode, 1 << 20);
            assertEquals(Kind.NOT_FOUND, assertThrows(TemplateException.class, () -> render(r, "nobody", "page.html", "{}")).kind());
            assertEquals(Kind.NOT_FOUND, assertThrows(TemplateException.class, () -> render(r, "acme", "nope", "{}")).kind());
            assertEquals(Kind.NOT_FOUND, assertThrows(TemplateException.class, () -> render(r, "_shared", "header", "{}")).kind());
            assertEquals(Kind.BAD_CONTEXT, assertThrows(TemplateException.class, () -> render(r, "acme", "page.html", "[]")).kind());
            assertEquals(Kind.BAD_CONTEXT, assertThrows(TemplateException.class, () -> render(r, "acme", "page.html", "{")).kind());
        }
    }

    @Test
    void tooDeepContextIsABadContext() throws IOException {
        sampleTenant();
        String deep = "{\"a\":".repeat(60) + "1" + "}".repeat(60);
        TemplateException e = assertThrows(TemplateException.class,
                () -> render(renderer(TemplateRenderer.OPTIMIZED, 1 << 20), "acme", "page.html", deep));
        assertEquals(Kind.BAD_CONTEXT, e.kind());
    }

    @Test
    void cycleIsACompileErrorInBothModesNotAStackOverflow() throws IOException {
        write("acme/a", "{{<b}}{{/b}}");
        write("acme/b", "{{<a}}{{/a}}");
        for (String mode : List.of(TemplateRenderer.BASELINE, TemplateRenderer.OPTIMIZED)) {
            TemplateRenderer r = renderer(mode, 1 << 20);
            TemplateException e = assertThrows(TemplateException.class, () -> render(r, "acme", "a", "{}"));
            assertEquals(Kind.COMPILE_ERROR, e.kind(), mode);
            assertNotNull(r.templates("acme").stream().filter(t -> t.name().equals("a")).findFirst().orElseThrow().lastError());
        }
    }

    @Test
    void tenThousandNestedSectionsAreACompileErrorInBothModesAndOtherTemplatesStillRender() throws IOException {
        write("acme/deep", HostileTemplates.nestedSections(10_000));
        write("acme/plain", "hello {{name}}");
        for (String mode : List.of(TemplateRenderer.BASELINE, TemplateRenderer.OPTIMIZED)) {
            TemplateRenderer r = renderer(mode, 1 << 20);
            for (int attempt = 0; attempt < 2; attempt++) { // and again: nothing half-compiled stays behind
                TemplateException e = assertThrows(TemplateException.class, () -> render(r, "acme", "deep", "{}"), mode);
                assertEquals(Kind.COMPILE_ERROR, e.kind(), mode);
                assertTrue(e.getMessage().startsWith("acme/deep: nested too deeply"), e.getMessage());
                assertEquals("hello Ada", render(r, "acme", "plain", "{\"name\": \"Ada\"}"), mode);
            }
        }
    }

    @Test
    void aFiftyMegabyteTemplateOrPartialIsACompileErrorNamingTheFileAndTheLimit() throws IOException {
        write("acme/page", "{{>big}}");
        write("_shared/big", "");
        try (RandomAccessFile big = new RandomAccessFile(root.resolve("_shared/big.mustache").toFile(), "rw")) {
            big.setLength(50L << 20); // 50 MB, sparse: cheap to make, and its size alone must refuse it
        }
        for (String mode : List.of(TemplateRenderer.BASELINE, TemplateRenderer.OPTIMIZED)) {
            TemplateRenderer r = renderer(mode, 1 << 20);
            for (String name : List.of("big", "page")) {
                TemplateException e = assertThrows(TemplateException.class, () -> render(r, "acme", name, "{}"), mode);
                assertEquals(Kind.COMPILE_ERROR, e.kind(), mode);
                assertTrue(e.getMessage().contains("_shared/big.mustache is 52428800 bytes, more than the 1048576 allowed"
                        + " (templates.max.bytes)"), e.getMessage());
            }
        }
    }

    @Test
    void invalidUtf8AndBinaryGarbageAreCompileErrorsNamingTheFile() throws IOException {
        byte[] garbage = new byte[4096];
        new Random(11).nextBytes(garbage);
        Map<String, byte[]> files = Map.of(
                "latin1", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1),
                "truncated", new byte[] {'a', (byte) 0xE2, (byte) 0x82},
                "garbage", garbage);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.createDirectories(root.resolve("acme"));
            Files.write(root.resolve("acme/" + f.getKey() + ".mustache"), f.getValue());
        }
        for (String mode : List.of(TemplateRenderer.BASELINE, TemplateRenderer.OPTIMIZED)) {
            TemplateRenderer r = renderer(mode, 1 << 20);
            for (String name : files.keySet()) {
                TemplateException e = assertThrows(TemplateException.class, () -> render(r, "acme", name, "{}"), mode);
                assertEquals(Kind.COMPILE_ERROR, e.kind(), mode + " " + name);
                assertEquals("acme/" + name + ".mustache is not valid UTF-8 text", e.getMessage(), mode);
            }
        }
    }

    @Test
    void controlCharactersAndStrayTagsInValidUtf8AreACompileErrorNamingFileAndLine() throws IOException {
        write("acme/junk", "\u0000\u0001\u00ff\n\u0007\uFFFE{{/\u0003x}}\u0000{{#\u0002}}\n");
        for (String mode : List.of(TemplateRenderer.BASELINE, TemplateRenderer.OPTIMIZED)) {
            TemplateException e = assertThrows(TemplateException.class,
                    () -> render(renderer(mode, 1 << 20), "acme", "junk", "{}"), mode);
            assertEquals(Kind.COMPILE_ERROR, e.kind(), mode);
            assertTrue(e.getMessage().startsWith("acme/junk:2:"), e.getMessage());
        }
    }

    @Test
    void runawayRecursionOverDataIsARenderError() throws IOException {
        write("acme/tree", "{{#node}}{{>tree}}{{/node}}");
        String deep = "{\"node\": {}}"; // self-similar: every level finds 'node' in the parent scope
        TemplateException e = assertThrows(TemplateException.class,
                () -> render(renderer(TemplateRenderer.OPTIMIZED, 1 << 20), "acme", "tree", deep));
        assertEquals(Kind.RENDER_ERROR, e.kind());
    }

    @Test
    void evictsColdestTemplateWhenOverBudgetAndRecompilesFromTheDiskTier() throws IOException {
        for (int i = 0; i < 20; i++) {
            write("acme/t" + i, "template " + i + " {{a}}{{b}}{{c}}");
        }
        long oneTemplate = new MustacheJavaEngine().compile(TemplateClosure.load(new TemplateRepository(root, 1 << 20),
                "acme", "t0")).estimatedBytes();
        TemplateRenderer r = renderer(TemplateRenderer.OPTIMIZED, oneTemplate * 5);
        for (int i = 0; i < 20; i++) {
            assertEquals("template " + i + " ", render(r, "acme", "t" + i, "{}"));
        }
        CacheTier memory = r.cacheTiers().get(0);
        CacheTier disk = r.cacheTiers().get(1);
        assertTrue(memory.entries() <= 5, memory.toString());
        assertTrue(memory.evictions() >= 15, memory.toString());
        assertTrue(memory.estimatedBytes() <= memory.maxBytes(), memory.toString());
        assertEquals(20, disk.entries(), disk.toString());
        assertTrue(disk.estimatedBytes() >= 20 * "template 0 {{a}}{{b}}{{c}}".length(), "the files' bytes: " + disk);
        for (int i = 0; i < 20; i++) {
            render(r, "acme", "t" + i, "{}");
        }
        assertTrue(r.cacheTiers().get(1).hits() >= 10, "cold templates recompiled from disk: " + r.cacheTiers().get(1));
    }

    @Test
    void countsHitsAndMissesOfRendersButNotOfListings() throws IOException {
        write("acme/t", "x");
        TemplateRenderer r = renderer(TemplateRenderer.OPTIMIZED, 1 << 20);
        for (int i = 0; i < 3; i++) {
            render(r, "acme", "t", "{}");
            r.templates("acme");
        }
        CacheTier memory = r.cacheTiers().get(0);
        assertEquals(2, memory.hits(), memory.toString());
        assertEquals(1, memory.misses(), memory.toString());
        assertEquals(1, memory.entries());
        assertTrue(memory.estimatedBytes() > 0 && memory.estimatedBytes() < 1 << 20, "the one template's size: " + memory);
    }

    @Test
    void aDeletedTemplateIsNotFoundOnceItsDeletionIsSeenInBothModes() throws IOException {
        for (String mode : List.of(TemplateRenderer.BASELINE, TemplateRenderer.OPTIMIZED)) {
            write("acme/gone", "here {{a}}");
            TemplateRenderer r = renderer(mode, 1 << 20);
            assertEquals("here 1", render(r, "acme", "gone", "{\"a\": 1}"), mode);
            assertEquals("here 2", render(r, "acme", "gone", "{\"a\": 2}"), mode + ": served from what the first render found");
            Files.delete(root.resolve("acme/gone.mustache"));
            r.invalidate(r.repository().changeOf(root.resolve("acme/gone.mustache")).orElseThrow());
            TemplateException e = assertThrows(TemplateException.class, () -> render(r, "acme", "gone", "{}"), mode);
            assertEquals(Kind.NOT_FOUND, e.kind(), mode);
        }
    }

    @Test
    void aPageFoundGoneLeavesTheIndexAndBothTiers() throws IOException {
        write("acme/gone", "here {{a}}");
        TieredTemplateCache cache = new TieredTemplateCache(1 << 20, cacheDir, 1 << 20);
        TemplateRenderer r = new TemplateRenderer(new TemplateRepository(root, 1 << 20), new JsonContexts(50), cache,
                TemplateRenderer.OPTIMIZED, () -> engine, () -> null);
        assertEquals("here 1", render(r, "acme", "gone", "{\"a\": 1}"));
        TemplateKey key = cache.pages().find("acme", "gone");
        assertTrue(key != null && key.found && cache.onDisk(key) && cache.inMemory(key).isPresent());
        Files.delete(root.resolve("acme/gone.mustache"));
        r.invalidate(r.repository().changeOf(root.resolve("acme/gone.mustache")).orElseThrow());
        assertThrows(TemplateException.class, () -> render(r, "acme", "gone", "{}"));
        assertEquals(null, cache.pages().find("acme", "gone"), "forgotten");
        assertTrue(cache.inMemory(key).isEmpty());
        assertEquals(0, cache.tiers().get(1).entries(), "its disk location released");
    }

    @Test
    void changingASharedPartialDropsOnlyTheTemplatesThatUseIt() throws IOException {
        sampleTenant();
        write("acme/plain", "no partials");
        TemplateRenderer r = renderer(TemplateRenderer.OPTIMIZED, 1 << 20);
        render(r, "acme", "page.html", "{}");
        render(r, "globex", "page.html", "{}");
        render(r, "acme", "plain", "{}");
        write("_shared/header", "<h2>{{brand}}</h2>");
        r.invalidate(r.repository().changeOf(root.resolve("_shared/header.mustache")).orElseThrow());
        assertTrue(render(r, "globex", "page.html", "{\"brand\": \"G\"}").contains("<h2>G</h2>"));
        assertTrue(render(r, "acme", "page.html", "{\"brand\": \"A\"}").contains("<h1>ACME A</h1>"), "acme overrides header");
        assertEquals("memory", r.templates("acme").stream().filter(t -> t.name().equals("plain")).findFirst()
                .orElseThrow().tier(), "a template without the partial stays compiled");
    }

    @Test
    void aReplacedEngineRecompilesInsteadOfServingItsPredecessorsWork() throws IOException {
        write("acme/t", "x{{a}}");
        TieredTemplateCache cache = new TieredTemplateCache(1 << 20, null, 0);
        TemplateEngine[] current = {new MustacheJavaEngine()};
        TemplateRenderer r = new TemplateRenderer(new TemplateRepository(root, 1 << 20), new JsonContexts(50), cache,
                TemplateRenderer.OPTIMIZED, () -> current[0], () -> null);
        render(r, "acme", "t", "{}");
        TemplateEngine first = cache.inMemory(new TemplateKey("acme", "t")).orElseThrow().engine();
        current[0] = new MustacheJavaEngine();
        render(r, "acme", "t", "{}");
        assertTrue(cache.inMemory(new TemplateKey("acme", "t")).orElseThrow().engine() != first);
    }
}
