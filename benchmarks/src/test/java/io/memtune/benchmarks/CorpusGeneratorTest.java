package io.memtune.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

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

    private CorpusGenerator.Summary generate(CorpusShape shape, int listItems, long seed, Path dir) throws IOException {
        return CorpusGenerator.generate(new CorpusGenerator.Settings(dir, 6, 8, 0.3, 0.25, seed, shape, listItems));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> context(Path corpus) throws IOException {
        return new ObjectMapper().readValue(corpus.resolve("context.json").toFile(), Map.class);
    }

    /** Every file of a corpus by its relative path, with its content. */
    private static Map<String, String> files(Path corpus) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(corpus)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(corpus.relativize(f).toString(), Files.readString(f));
            }
        }
        return files;
    }

    @Test
    void leanIsTheDefaultAndWritesTheLeanContext() throws IOException {
        CorpusGenerator.Settings parsed = CorpusGenerator.parse(new String[] {"--out", out.toString()});
        assertEquals(CorpusShape.LEAN, parsed.shape());
        generate(0.3, 7, out);
        assertEquals(CorpusGenerator.CONTEXT, Files.readString(out.resolve("context.json")));
    }

    @ParameterizedTest
    @EnumSource(CorpusShape.class)
    void everyShapeIsDeterministicForASeedAndKeepsTheSharedDesigns(CorpusShape shape) throws IOException {
        generate(shape, 150, 3, out.resolve("a"));
        generate(shape, 150, 3, out.resolve("b"));
        assertEquals(files(out.resolve("a")), files(out.resolve("b")));
        generate(shape, 150, 4, out.resolve("c"));
        assertNotEquals(files(out.resolve("a")), files(out.resolve("c")), "another seed, another corpus");
        Map<String, Integer> copies = new HashMap<>();
        for (Map.Entry<String, String> f : files(out.resolve("a")).entrySet()) {
            if (f.getKey().contains("/page")) {
                copies.merge(f.getValue(), 1, Integer::sum);
            }
        }
        // round(8 * 0.3) = 2 of 8 pages per tenant are the shared designs, identical in all 6 tenants
        assertEquals(6 * 2, copies.values().stream().filter(n -> n > 1).mapToLong(Integer::longValue).sum());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void apiPayloadsCarryThreeToTenTimesMoreThanThePagesRead(long seed) throws IOException {
        generate(CorpusShape.API_PAYLOAD, 300, seed, out);
        ContextReads.Measurement m = ContextReads.measure(out, 2);
        assertTrue(m.unreadRatio() >= 3 && m.unreadRatio() <= 10, m.toString());
        // the pages read what the lean shape's pages read: the read part is a small context of its own
        assertTrue(m.medianRead() > 300 && m.medianRead() < 2000, m.toString());
    }

    @Test
    void leanContextsAreReadWhole() throws IOException {
        generate(0.3, 7, out);
        ContextReads.Measurement m = ContextReads.measure(out, 2);
        assertEquals(m.contextBytes(), m.medianRead(), m.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 300, 1000})
    @SuppressWarnings("unchecked")
    void wideListsIterateTheAskedNumberOfItems(int items) throws IOException {
        generate(CorpusShape.WIDE_LISTS, items, 5, out);
        List<Map<String, Object>> list = (List<Map<String, Object>>) context(out).get("items");
        assertEquals(items, list.size());
        assertTrue(list.stream().allMatch(i -> i.get("name") instanceof String && i.get("price") instanceof Number
                && i.get("tags") instanceof List), "every item has what the item partial prints");
        String page = Files.readString(out.resolve("templates/tenant00001/page5.html.mustache"));
        assertTrue(page.contains("{{#items}}{{>item}}{{/items}}"), page);
    }

    @Test
    @SuppressWarnings("unchecked")
    void reflectiveMissPagesLookNamesUpOnStringsNumbersAndLists() throws IOException {
        generate(CorpusShape.REFLECTIVE_MISSES, 300, 5, out);
        Map<String, Object> context = context(out);
        assertTrue(((Map<String, Object>) context.get("user")).get("name") instanceof String);
        assertTrue(context.get("year") instanceof Integer);
        assertTrue(context.get("notice") instanceof String);
        List<Map<String, Object>> items = (List<Map<String, Object>>) context.get("items");
        assertTrue(items.stream().anyMatch(i -> !((List<?>) i.get("tags")).isEmpty()), "some items have tags to iterate");
        assertTrue(items.stream().anyMatch(i -> ((List<?>) i.get("tags")).isEmpty()), "some have none: tags.empty is true");
        try (Stream<Path> pages = Files.walk(out.resolve("templates"))) {
            for (Path page : pages.filter(p -> p.getFileName().toString().startsWith("page")).toList()) {
                String text = Files.readString(page);
                for (String lookUp : List.of("{{#user.name}}{{.}}: {{length}} letters at {{brand}}{{/user.name}}",
                        "{{user.name.length}}", "{{items.size}}", "{{#items.empty}}", "{{items.name}}", "{{year.length}}",
                        "{{#name}}{{length}}:{{.}} in {{title}}{{/name}}", "{{price.intValue}}", "{{#tags}}{{.}} {{length}} {{/tags}}",
                        "{{tags.size}}", "{{#year}}{{.}} {{brand}} {{title}}{{/year}}", "{{#notice}} {{length}} {{user.name}}{{/notice}}")) {
                    assertTrue(text.contains(lookUp), page + " lacks " + lookUp);
                }
            }
        }
    }

    @Test
    void refusesNonsenseArgumentsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CorpusGenerator.parse(new String[] {"--out", "x", "--tenants", "many"}));
        assertTrue(e.getMessage().contains("--tenants"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CorpusGenerator.parse(new String[] {"--tenants", "5"}));
        assertThrows(IllegalArgumentException.class,
                () -> CorpusGenerator.parse(new String[] {"--out", "x", "--shared-ratio", "1.5"}));
        e = assertThrows(IllegalArgumentException.class,
                () -> CorpusGenerator.parse(new String[] {"--out", "x", "--shape", "fat"}));
        assertTrue(e.getMessage().contains("--shape") && e.getMessage().contains("api-payload"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CorpusGenerator.parse(new String[] {"--out", "x", "--shape", "wide-lists", "--list-items", "0"}));
        assertTrue(e.getMessage().contains("--list-items"), e.getMessage());
    }
}
