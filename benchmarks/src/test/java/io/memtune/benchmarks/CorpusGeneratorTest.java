package io.memtune.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.memtune.template.core.JsonContexts;
import io.memtune.template.core.MustacheJavaEngine;
import io.memtune.template.core.TemplateRenderer;
import io.memtune.template.core.TemplateRepository;
import io.memtune.template.core.TieredTemplateCache;

class CorpusGeneratorTest {

    @TempDir
    Path out;

    private CorpusGenerator.Summary generate(double shared, long seed, Path dir) throws IOException {
        return CorpusGenerator.generate(new CorpusGenerator.Settings(dir, 12, 10, shared, 0.25, seed));
    }

    @Test
    void writesTheAskedShareOfIdenticalTemplatesAcrossTenants() throws IOException {
        CorpusGenerator.Summary summary = generate(0.3, 7, out);
        Map<String, Integer> copies = new HashMap<>();
        try (Stream<Path> files = Files.walk(out.resolve("templates"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("page")).toList()) {
                copies.merge(Files.readString(f), 1, Integer::sum);
            }
        }
        long identical = copies.values().stream().filter(n -> n > 1).mapToLong(Integer::longValue).sum();
        assertEquals(12 * 3, identical, "3 of 10 pages per tenant are shared designs");
        assertTrue(summary.uniqueBytes() < summary.bytes(), summary.toString());
        // 120 pages, 4 shared files, and a header override for about a quarter of the tenants
        assertTrue(summary.files() >= 12 * 10 + 4 + 1 && summary.files() <= 12 * 10 + 4 + 12, summary.toString());
    }

    @Test
    void isDeterministicForASeed() throws IOException {
        CorpusGenerator.Summary a = generate(0.5, 3, out.resolve("a"));
        CorpusGenerator.Summary b = generate(0.5, 3, out.resolve("b"));
        assertEquals(a, b);
        assertEquals(Files.readString(out.resolve("a/templates/tenant00005/page9.html.mustache")),
                Files.readString(out.resolve("b/templates/tenant00005/page9.html.mustache")));
    }

    @Test
    void everyGeneratedTemplateRendersTheSameInBothModes() throws IOException {
        generate(0.3, 11, out);
        TemplateRepository repository = new TemplateRepository(out.resolve("templates"), 1 << 20);
        TemplateRenderer baseline = new TemplateRenderer(repository, new JsonContexts(50),
                new TieredTemplateCache(1 << 24, null, 0), TemplateRenderer.BASELINE, MustacheJavaEngine::new, () -> null);
        TemplateRenderer optimized = new TemplateRenderer(repository, new JsonContexts(50),
                new TieredTemplateCache(1 << 24, null, 0), TemplateRenderer.OPTIMIZED, MustacheJavaEngine::new, () -> null);
        int rendered = 0;
        for (String tenant : repository.tenants()) {
            for (int p = 0; p < 10; p++) {
                String name = "page" + p + ".html";
                String expected = render(baseline, tenant, name);
                assertTrue(expected.contains("<li>one: 1.5 <span>a</span> <span>b</span></li>"), expected);
                assertEquals(expected, render(optimized, tenant, name));
                rendered++;
            }
        }
        assertEquals(120, rendered);
    }

    private String render(TemplateRenderer renderer, String tenant, String name) throws IOException {
        StringWriter w = new StringWriter();
        try (InputStream context = Files.newInputStream(out.resolve("context.json"))) {
            renderer.renderJson(tenant, name, context, w);
        }
        return w.toString();
    }

    @Test
    void refusesNonsenseArgumentsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CorpusGenerator.parse(new String[] {"--out", "x", "--tenants", "many"}));
        assertTrue(e.getMessage().contains("--tenants"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CorpusGenerator.parse(new String[] {"--tenants", "5"}));
        assertThrows(IllegalArgumentException.class,
                () -> CorpusGenerator.parse(new String[] {"--out", "x", "--shared-ratio", "1.5"}));
    }
}
