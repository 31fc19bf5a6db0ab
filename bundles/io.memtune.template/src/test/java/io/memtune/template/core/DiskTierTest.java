package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskTierTest {

    @TempDir
    Path directory;

    private static final UnaryOperator<String> SAME = n -> n;

    private static TemplateClosure page(String tenant, String name, String text) {
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        texts.put(name, text);
        origins.put(name, tenant);
        texts.put("layout", "<html>{{$body}}{{/body}}</html>");
        origins.put("layout", TemplateRepository.SHARED);
        return new TemplateClosure(tenant, name, texts, origins);
    }

    private static long segmentFiles(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.count();
        }
    }

    @Test
    void theSameDesignOfTwoTenantsIsStoredOnceAndReadBackWithEachTenantsOrigins() throws IOException {
        DiskTier tier = new DiskTier(directory, 1 << 20);
        long acme = tier.write(page("acme", "page.html", "{{<layout}}{{$body}}hi{{/body}}{{/layout}}"));
        long bytes = tier.bytes();
        long globex = tier.write(page("globex", "page.html", "{{<layout}}{{$body}}hi{{/body}}{{/layout}}"));
        assertEquals(acme, globex, "one record for both");
        assertEquals(bytes, tier.bytes(), "nothing written the second time");
        assertEquals(1, tier.index().records());
        TemplateClosure read = tier.read(globex, "globex", "page.html", SAME);
        assertEquals(page("globex", "page.html", "{{<layout}}{{$body}}hi{{/body}}{{/layout}}"), read);
        assertEquals("globex", read.origins().get("page.html"));
        assertEquals(TemplateRepository.SHARED, read.origins().get("layout"));
        long own = tier.write(page("acme", "page.html", "{{<layout}}{{$body}}mine{{/body}}{{/layout}}"));
        assertNotEquals(acme, own, "other text, other record");
        assertEquals(1, tier.hits());
    }

    @Test
    void pastItsBudgetTheOldestSegmentGoesWithItsPagesWhichThenReadAsMisses() throws IOException {
        DiskTier tier = new DiskTier(directory, 8 * 1024); // segments of 1 KB
        TemplateKey first = new TemplateKey("t0", "page.html");
        tier.assign(first, tier.write(page("t0", "page.html", "x".repeat(600))));
        assertTrue(tier.holds(first));
        for (int t = 1; t < 40; t++) {
            TemplateKey key = new TemplateKey("t" + t, "page.html");
            tier.assign(key, tier.write(page("t" + t, "page.html", "x".repeat(600) + t)));
        }
        assertTrue(tier.bytes() <= 8 * 1024, "within budget: " + tier.bytes());
        assertTrue(segmentFiles(directory) <= DiskTier.SEGMENTS, "old segment files are deleted");
        assertTrue(tier.evictions() > 0, "pages went with their segments");
        assertEquals(40 - tier.evictions(), tier.entries(), "every page counted once, located or evicted");
        assertTrue(!tier.holds(first), "the first page's segment went");
        assertNull(tier.read(first.disk, "t0", "page.html", SAME), "and it reads as a miss");
        assertEquals(1, tier.misses());
    }

    @Test
    void aClosureBiggerThanASegmentIsRejectedNotWritten() throws IOException {
        DiskTier tier = new DiskTier(directory, 800); // segments of 100 bytes
        assertEquals(DiskTier.NONE, tier.write(page("acme", "page.html", "x".repeat(500))));
        assertEquals(1, tier.rejected());
        assertEquals(0, tier.bytes());
        TemplateKey key = new TemplateKey("acme", "page.html");
        tier.assign(key, DiskTier.NONE);
        assertEquals(0, tier.entries());
        assertNull(tier.read(key.disk, "acme", "page.html", SAME));
    }

    @Test
    void aDeletedDirectoryMakesWritesRejectedAndReadsMissesNeverAnError() throws IOException {
        DiskTier tier = new DiskTier(directory, 1 << 20);
        long location = tier.write(page("acme", "a", "one"));
        DiskTier.deleteRecursively(directory);
        assertNull(tier.read(location, "acme", "a", SAME));
        assertEquals(DiskTier.NONE, tier.write(page("acme", "b", "two")), "its segment file is gone");
        assertEquals(1, tier.rejected());
        assertEquals(1, tier.misses());
    }
}
