package io.memtune.optimizer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateException.Kind;
import io.memtune.template.core.HostileTemplates;
import io.memtune.template.core.JsonContexts;
import io.memtune.template.core.TemplateRenderer;
import io.memtune.template.core.TemplateRepository;
import io.memtune.template.core.TieredTemplateCache;

/**
 * A template nested thousands deep overflows the stack of the parser and of the engine's walks over the tree:
 * a compile error about the template (HTTP 422), never an Error through the template service (500).
 */
class DeepNestingTest {

    private static final String DEEP = HostileTemplates.nestedSections(10_000);

    @TempDir
    Path root;

    private final CompactEngine engine = CompactEngineSpecTest.allOn();

    @Test
    void tenThousandNestedSectionsAreACompileErrorAndTheEngineCompilesTheNextTemplate() throws IOException {
        Map<String, String> files = Map.of("deep", DEEP, "plain", "hello {{name}}");
        for (int attempt = 0; attempt < 2; attempt++) { // and again: nothing half-compiled stays shared
            TemplateException e = assertThrows(TemplateException.class, () -> engine.compile(Sources.of("acme", "deep", files)));
            assertEquals(Kind.COMPILE_ERROR, e.kind());
            assertEquals("deep", e.template());
            assertTrue(e.getMessage().startsWith("cannot compile acme/deep: nested too deeply"), e.getMessage());
        }
        StringWriter out = new StringWriter();
        engine.compile(Sources.of("acme", "plain", files)).execute(Map.of("name", "Ada"), out);
        assertEquals("hello Ada", out.toString());
    }

    @Test
    void theTemplateServiceInOptimizedModeAnswersACompileErrorAndKeepsRenderingOtherTemplates() throws IOException {
        Files.createDirectories(root.resolve("acme"));
        Files.writeString(root.resolve("acme/deep.mustache"), DEEP);
        Files.writeString(root.resolve("acme/plain.mustache"), "hello {{name}}");
        TemplateRenderer service = new TemplateRenderer(new TemplateRepository(root, 1 << 20), new JsonContexts(50),
                new TieredTemplateCache(1 << 20, null, 0), TemplateRenderer.OPTIMIZED, () -> engine, () -> null);
        TemplateException e = assertThrows(TemplateException.class, () -> render(service, "deep"));
        assertEquals(Kind.COMPILE_ERROR, e.kind());
        assertEquals("hello Ada", render(service, "plain"));
    }

    private static String render(TemplateRenderer service, String template) {
        StringWriter out = new StringWriter();
        service.renderJson("acme", template, new ByteArrayInputStream("{\"name\": \"Ada\"}".getBytes(StandardCharsets.UTF_8)),
                out);
        return out.toString();
    }
}
