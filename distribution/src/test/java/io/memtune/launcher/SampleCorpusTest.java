package io.memtune.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.memtune.api.template.TemplateEngine;
import io.memtune.api.template.TemplateInfo;
import io.memtune.optimizer.core.CompactEngine;
import io.memtune.optimizer.core.CompileLedger;
import io.memtune.optimizer.core.OptimizerSettings;
import io.memtune.optimizer.core.PassPipeline;
import io.memtune.template.core.JsonContexts;
import io.memtune.template.core.MustacheJavaEngine;
import io.memtune.template.core.StaticFiles;
import io.memtune.template.core.TemplateRenderer;
import io.memtune.template.core.TemplateRepository;
import io.memtune.template.core.TieredTemplateCache;

/**
 * The sample corpus shipped with the distribution (src/main/dist/templates, with a context per template
 * name in src/main/dist/samples) renders in baseline mode and in the default mode byte for byte the same,
 * for every tenant and template.
 */
class SampleCorpusTest {

    private static final Path DIST = Path.of("src/main/dist");

    @TempDir
    Path cache;

    private TemplateRenderer renderer(String mode) throws IOException {
        return renderer(mode, mode, new MustacheJavaEngine());
    }

    private TemplateRenderer renderer(String mode, String cacheName, TemplateEngine engine) throws IOException {
        StaticFiles assets = new StaticFiles(DIST.resolve("static"), "/static", 256, "no-cache");
        assets.refresh();
        return new TemplateRenderer(new TemplateRepository(DIST.resolve("templates"), 1 << 22), new JsonContexts(100),
                new TieredTemplateCache(64L << 20, cache.resolve(cacheName), 64L << 20), mode, () -> engine, assets::assetUrls);
    }

    /** The optimizer's engine with every optimization on (context pruning included). */
    private TemplateRenderer optimizer() throws IOException {
        return renderer(TemplateRenderer.OPTIMIZED, "optimizer", new CompactEngine(OptimizerSettings.ALL,
                new PassPipeline(Set.of(), 1000), new MustacheJavaEngine(), new CompileLedger()));
    }

    private static String render(TemplateRenderer renderer, String tenant, String template) throws IOException {
        StringWriter out = new StringWriter();
        try (InputStream context = Files.newInputStream(DIST.resolve("samples").resolve(template + ".json"))) {
            renderer.renderJson(tenant, template, context, out);
        }
        return out.toString();
    }

    @Test
    void baselineDefaultModeAndOptimizerRenderTheWholeCorpusIdentically() throws IOException {
        TemplateRenderer baseline = renderer(TemplateRenderer.BASELINE);
        TemplateRenderer optimized = renderer(TemplateRenderer.OPTIMIZED);
        TemplateRenderer optimizer = optimizer();
        List<String> tenants = optimized.tenants();
        assertEquals(20, tenants.size(), "the sample corpus has 20 tenants: " + tenants);
        int rendered = 0;
        for (String tenant : tenants) {
            for (TemplateInfo template : optimized.templates(tenant)) {
                if (!Files.exists(DIST.resolve("samples").resolve(template.name() + ".json"))) {
                    continue; // a partial or layout, not rendered on its own
                }
                String expected = render(baseline, tenant, template.name());
                assertFalse(expected.isBlank(), tenant + "/" + template.name());
                assertEquals(expected, render(optimized, tenant, template.name()), tenant + "/" + template.name());
                assertEquals(expected, render(optimizer, tenant, template.name()), "optimizer: " + tenant + "/" + template.name());
                rendered++;
            }
        }
        assertTrue(rendered >= 20 * 6, "renders checked: " + rendered);
    }

    @Test
    void tenantOverridesShowInTheOutput() throws IOException {
        TemplateRenderer optimized = renderer(TemplateRenderer.OPTIMIZED);
        assertTrue(render(optimized, "acme", "welcome.html").contains("<span class=\"tagline\">"), "acme's own header");
        assertFalse(render(optimized, "globex", "welcome.html").contains("<span class=\"tagline\">"), "globex: shared header");
        assertTrue(render(optimized, "acme", "welcome.html").contains("/static/css/site."), "fingerprinted asset URL");
    }
}
