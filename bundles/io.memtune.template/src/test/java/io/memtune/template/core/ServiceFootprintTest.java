package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;

import io.memtune.api.template.CompiledTemplate;
import io.memtune.api.template.TemplateEngine;
import io.memtune.api.template.TemplateFootprint;
import io.memtune.api.template.TemplateSource;

/**
 * What the service holds per page, tenant and file, as JOL measures the real structures against what
 * {@link ServiceFootprint} says (and the reports add up). The compiled forms are one object shared by every page
 * here, so what is measured is the service's own bookkeeping.
 */
class ServiceFootprintTest {

    /** The service's own share of a page: key, slot, memory tier entry. The bound is "a few hundred bytes". */
    static final long PAGE_BOUND = 200;

    @TempDir
    Path root;

    /** One compiled form for every page: its cost is not the service's. */
    private static final CompiledTemplate SHARED = new CompiledTemplate() {
        @Override
        public void execute(Map<String, ?> context, Writer out) throws IOException {
            out.write("x");
        }

        @Override
        public long estimatedBytes() {
            return 0;
        }
    };

    private static final TemplateEngine ENGINE = new TemplateEngine() {
        @Override
        public String name() {
            return "shared";
        }

        @Override
        public CompiledTemplate compile(TemplateSource source) {
            return SHARED;
        }
    };

    @BeforeAll
    static void layoutIsTheDefault() {
        // the figures assume compressed references and class pointers, the default for heaps under 32 GB
        assertTrue(VM.current().addressSize() == 4 || VM.current().details().contains("Compressed"), VM.current().details());
    }

    @Test
    void aKeyAndAnEntryAreWhatTheLayoutSays() {
        assertEquals(ClassLayout.parseClass(TemplateKey.class).instanceSize(), ServiceFootprint.KEY);
        assertEquals(ClassLayout.parseClass(CachedTemplate.class).instanceSize(), ServiceFootprint.CACHED_TEMPLATE);
        assertEquals(ClassLayout.parseClass(PageIndex.TenantPages.class).instanceSize(), ServiceFootprint.TENANT_PAGES);
        assertEquals(ClassLayout.parseClass(DirectoryFiles.class).instanceSize(), ServiceFootprint.DIRECTORY_FILES);
    }

    @Test
    void thePageIndexAndMemoryTierHoldWhatTheFootprintSaysAndAPageCostsUnderTheBound() throws IOException {
        Map<String, String> interned = new HashMap<>();
        UnaryOperator<String> intern = n -> interned.computeIfAbsent(n, k -> k);
        TieredTemplateCache small = cache(intern, 100, 20);
        TieredTemplateCache large = cache(intern, 200, 40);
        long measuredSmall = measured(small, interned);
        long measuredLarge = measured(large, interned);
        long estimatedSmall = estimated(small);
        long estimatedLarge = estimated(large);
        long pages = 200 * 40 - 100 * 20;
        long perPage = (measuredLarge - measuredSmall) / pages;
        System.out.printf("service per page (JOL, slope): %d B; totals JOL %d / %d B, estimated %d / %d B%n", perPage,
                measuredSmall, measuredLarge, estimatedSmall, estimatedLarge);
        assertEquals(measuredLarge, estimatedLarge, 0.10 * measuredLarge, "the footprint within 10 % of JOL");
        assertEquals(measuredSmall, estimatedSmall, 0.10 * measuredSmall, "the footprint within 10 % of JOL");
        assertTrue(perPage <= PAGE_BOUND, "a page costs the service " + perPage + " B, more than " + PAGE_BOUND);
    }

    private static TieredTemplateCache cache(UnaryOperator<String> intern, int tenants, int pages) throws IOException {
        TieredTemplateCache cache = new TieredTemplateCache(256L << 20, null, 0, intern);
        for (int t = 0; t < tenants; t++) {
            String tenant = String.format("tenant%05d", t);
            for (int p = 0; p < pages; p++) {
                String name = "page" + p + ".html";
                cache.get(new TemplateKey(tenant, name), () -> new TemplateClosure(tenant, name,
                        Map.of(name, "x", "layout", "y"), Map.of(name, tenant, "layout", TemplateRepository.SHARED)), ENGINE);
            }
        }
        return cache;
    }

    /** The cache's graph without what every page shares (engine, compiled form, interned names). */
    private static long measured(TieredTemplateCache cache, Map<String, String> interned) {
        return GraphLayout.parseInstance(cache).subtract(GraphLayout.parseInstance(ENGINE, SHARED, interned)).totalSize();
    }

    private static long estimated(TieredTemplateCache cache) {
        return cache.footprint().stream().mapToLong(TemplateFootprint.Part::bytes).sum();
    }

    @Test
    void theWatchersFileStatesHoldWhatTheFootprintSays() throws IOException {
        for (int t = 0; t < 50; t++) {
            for (int p = 0; p < 20; p++) {
                Path file = root.resolve(String.format("tenant%05d/page%d.html.mustache", t, p));
                Files.createDirectories(file.getParent());
                Files.writeString(file, "x");
            }
        }
        TemplateRepository repository = new TemplateRepository(root, 1 << 20);
        RepositoryWatcher watcher = new RepositoryWatcher(repository, change -> { });
        long measured = GraphLayout.parseInstance(watcher).subtract(GraphLayout.parseInstance(repository)).totalSize();
        RepositoryWatcher.Held held = watcher.held();
        System.out.printf("watcher: %d files, JOL %d B, estimated %d B (%d B a file)%n", held.files(), measured,
                held.bytes(), measured / held.files());
        assertEquals(1000, held.files());
        assertEquals(50, held.tenants());
        assertEquals(measured, held.bytes(), 0.10 * measured, "within 10 % of JOL");
        assertTrue(measured / held.files() <= 40, "a file's state costs " + measured / held.files() + " B");
    }
}
