package io.memtune.optimizer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.memtune.api.optimizer.OptimizationReport;
import io.memtune.api.template.TemplateFootprint;
import io.memtune.api.template.TemplateFootprint.Part;
import io.memtune.api.template.TemplateFootprint.Scale;

class HeapAccountTest {

    private static final OptimizationReport REPORT = new OptimizationReport(1_000, 100_000, 9_000_000, 250_000, List.of(),
            List.of(), 1_000 * MemoryEstimator.PAGE_ENTRY + 30_000);

    /** 100,000 pages found, 1,000 compiled, 10,000 tenants, a million files. */
    private static final TemplateFootprint SERVICE = new TemplateFootprint(10_000, 100_000, 1_000_000, List.of(
            new Part("page-keys", Scale.PAGE, 100_000, 4_400_000, "keys"),
            new Part("memory-tier", Scale.PAGE, 1_000, 128_000, "entries"),
            new Part(TemplateFootprint.COMPILED, Scale.CONTENT, 1_000, 999_999, "the engine's own estimate"),
            new Part("file-states", Scale.PAGE, 1_000_000, 20_000_000, "files"),
            new Part("directory-states", Scale.TENANT, 10_000, 4_000_000, "directories"),
            new Part("tenant-metrics", Scale.BUDGET, 10_000, 500_000, "metrics")));

    @Test
    void aPageCostsOneOfEachPerPagePartWhateverHowManyAreCompiled() {
        HeapAccount account = HeapAccount.of(REPORT, SERVICE);
        assertEquals(44 + 128 + MemoryEstimator.PAGE_ENTRY + 20, account.perPage());
        assertEquals(400 + 50, account.perTenant());
        assertEquals((250_000 + 30_000) / 100_000.0, account.contentRatio(), 1e-9, "structure and store over the text");
    }

    @Test
    void theServicesCompiledEstimateIsReplacedByTheOptimizersFigures() {
        HeapAccount account = HeapAccount.of(REPORT, SERVICE);
        assertEquals(250_000 + REPORT.bookkeepingBytes() + 4_400_000 + 128_000 + 20_000_000 + 4_000_000 + 500_000,
                account.total());
        assertEquals(100_000, account.pages());
        assertTrue(account.format().startsWith("the templates hold "), account.format());
    }

    @Test
    void withoutTheTemplateServiceItSaysItsEntriesAreNotIn() {
        HeapAccount account = HeapAccount.of(REPORT, null);
        assertEquals(250_000 + REPORT.bookkeepingBytes(), account.total());
        assertTrue(account.format().contains("not running"), account.format());
    }
}
