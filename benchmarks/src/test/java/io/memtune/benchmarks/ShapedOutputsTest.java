package io.memtune.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.memtune.optimizer.core.CompactEngine;
import io.memtune.optimizer.core.CompileLedger;
import io.memtune.optimizer.core.OptimizerSettings;
import io.memtune.optimizer.core.PassPipeline;
import io.memtune.template.core.JsonContexts;
import io.memtune.template.core.MustacheJavaEngine;
import io.memtune.template.core.TemplateRenderer;
import io.memtune.template.core.TemplateRepository;
import io.memtune.template.core.TieredTemplateCache;

/**
 * Both modes render every page of every corpus shape byte for byte alike: baseline through plain Mustache.java
 * ({@code TemplateRenderer} in baseline mode), optimized through the optimizer's {@link CompactEngine} with contexts
 * read pruned ({@code TemplateRenderer} in optimized mode), each from the corpus's context.json as the HTTP endpoint
 * reads it. Prints each shape's SHA-256 over all its pages in both modes. A benchmark comparing the modes on a shape
 * is only fair where this holds.
 */
class ShapedOutputsTest {

    private static final int TENANTS = 4;
    private static final int PAGES = 6;
    private static final int LIST_ITEMS = 120;

    @TempDir
    Path out;

    @ParameterizedTest
    @EnumSource(CorpusShape.class)
    void everyPageOfTheShapeRendersByteForByteAlikeInBothModes(CorpusShape shape) throws IOException {
        CorpusGenerator.generate(new CorpusGenerator.Settings(out, TENANTS, PAGES, 0.3, 0.5, 5, shape, LIST_ITEMS));
        TemplateRepository repository = new TemplateRepository(out.resolve("templates"), 1 << 22);
        TemplateRenderer baseline = renderer(repository, TemplateRenderer.BASELINE);
        TemplateRenderer optimized = renderer(repository, TemplateRenderer.OPTIMIZED);
        MessageDigest baselineDigest = sha256();
        MessageDigest optimizedDigest = sha256();
        int pages = 0;
        for (String tenant : repository.tenants()) {
            for (int p = 0; p < PAGES; p++) {
                String name = "page" + p + ".html";
                byte[] expected = render(baseline, tenant, name);
                byte[] actual = render(optimized, tenant, name);
                assertRendersNonTrivially(shape, new String(expected, StandardCharsets.UTF_8), tenant + "/" + name);
                assertArrayEquals(expected, actual, () -> shape + ": " + tenant + "/" + name + " differs; baseline:\n"
                        + new String(expected, StandardCharsets.UTF_8) + "\noptimized:\n" + new String(actual, StandardCharsets.UTF_8));
                baselineDigest.update(expected);
                optimizedDigest.update(actual);
                pages++;
            }
        }
        assertEquals(TENANTS * PAGES, pages);
        String b = HexFormat.of().formatHex(baselineDigest.digest());
        String o = HexFormat.of().formatHex(optimizedDigest.digest());
        System.out.printf("shape %-18s %d pages  sha256 baseline %s  optimized %s%n", shape, pages, b, o);
        assertEquals(b, o);
    }

    /** Output that shows the context was used: every item listed, and the shape's own look-ups answered. */
    @SuppressWarnings("unchecked")
    private void assertRendersNonTrivially(CorpusShape shape, String html, String page) throws IOException {
        Map<String, Object> context = new ObjectMapper().readValue(out.resolve("context.json").toFile(), Map.class);
        List<Map<String, Object>> items = (List<Map<String, Object>>) context.get("items");
        assertTrue(html.length() > 500, page + " rendered only " + html.length() + " characters");
        assertTrue(html.contains("&copy; " + context.get("year") + " " + context.get("brand") + "</footer>"),
                page + " has no footer with the year and brand:\n" + html);
        for (Map<String, Object> item : items) {
            assertTrue(html.contains("<li>" + item.get("name") + ": " + item.get("price")), page + " lacks item " + item);
        }
        if (shape == CorpusShape.REFLECTIVE_MISSES) {
            String user = (String) ((Map<String, Object>) context.get("user")).get("name");
            assertTrue(html.contains(user + ": " + user.length() + " letters at " + context.get("brand") + " (" + user.length()
                    + ")"), page + ": a section over a string answers length, and brand from the outer map:\n" + html);
            assertTrue(html.contains(items.size() + " items, some"), page + ": items.size and items.empty on the list");
            assertTrue(html.contains("<p>" + context.get("year") + " " + context.get("brand")), page + ": brand misses on"
                    + " the number and resolves outside");
        }
    }

    private static TemplateRenderer renderer(TemplateRepository repository, String mode) throws IOException {
        CompactEngine engine = new CompactEngine(OptimizerSettings.ALL, new PassPipeline(Set.of(), 1000),
                new MustacheJavaEngine(), new CompileLedger());
        return new TemplateRenderer(repository, new JsonContexts(100), new TieredTemplateCache(1 << 24, null, 0), mode,
                () -> engine, () -> null);
    }

    private byte[] render(TemplateRenderer renderer, String tenant, String name) throws IOException {
        StringWriter w = new StringWriter();
        try (InputStream context = Files.newInputStream(out.resolve("context.json"))) {
            renderer.renderJson(tenant, name, context, w);
        }
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
