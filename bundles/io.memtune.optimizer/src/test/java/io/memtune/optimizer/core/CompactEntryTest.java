package io.memtune.optimizer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.vm.VM;

import io.memtune.api.optimizer.OptimizationReport;
import io.memtune.template.core.MustacheJavaEngine;

/**
 * What a tenant's page costs the optimizer when its design is shared (its own entry: holder and ledger reference),
 * and whether the report's total (structure and bookkeeping) is what the engine adds to the heap.
 */
class CompactEntryTest {

    /** The optimizer's share of a page whose content another tenant compiled already. */
    static final long SHARED_PAGE_BOUND = 80;

    private static final String LAYOUT = "<html><head><title>{{$title}}{{brand}}{{/title}}</title></head><body>{{>header}}"
            + "<main>{{$content}}{{/content}}</main>{{>footer}}</body></html>";

    private static Map<String, String> files(String page) {
        return files("page", page);
    }

    private static Map<String, String> files(String name, String page) {
        Map<String, String> files = new HashMap<>();
        files.put("layout", LAYOUT);
        files.put("header", "<header>{{brand}}{{#user}} &middot; {{name}}{{/user}}</header>");
        files.put("footer", "<footer>&copy; {{year}} {{brand}}</footer>");
        files.put(name, page);
        return files;
    }

    private static String page(String title, Random random) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            words.append(' ').append(Integer.toString(random.nextInt(5000), 36));
        }
        return "{{<layout}}{{$title}}" + title + "{{/title}}{{$content}}<h1>" + title + "</h1><p>" + words
                + " {{notice}}</p><ul>{{#items}}<li>{{name}}: {{price}}</li>{{/items}}</ul>{{/content}}{{/layout}}";
    }

    /**
     * The heap in use after full collections (the least of a few: JOL's graph walk cannot be kept out of the threads
     * and class loaders Caffeine's executor reaches, so the test measures what the engine adds the way the
     * benchmarks do, over enough pages that the noise of the test's JVM is a few per cent).
     */
    private static long liveHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static CompactEngine engine(CompileLedger ledger) {
        return new CompactEngine(OptimizerSettings.ALL, new PassPipeline(Set.of(), 1000), new MustacheJavaEngine(), ledger);
    }

    private static List<String> tenants(int n) {
        List<String> tenants = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            tenants.add(String.format("tenant%05d", t));
        }
        return tenants;
    }

    @Test
    void aPageOfASharedDesignCostsItsHolderAndLedgerEntryAlone() throws InterruptedException {
        assertTrue(VM.current().addressSize() == 4 || VM.current().details().contains("Compressed"), VM.current().details());
        long holder = ClassLayout.parseClass(CompactTemplate.class).instanceSize();
        long reference = ClassLayout.parseClass(WeakReference.class).instanceSize();
        assertEquals(MemoryEstimator.PAGE_ENTRY, holder + reference + 4, "a holder and the ledger's reference and slot");
        assertEquals(MemoryEstimator.PAGE_FACTS, ClassLayout.parseClass(PageFacts.class).instanceSize());
        CompileLedger ledger = new CompileLedger();
        CompactEngine engine = engine(ledger);
        String design = page("Shared design", new Random(1));
        List<String> tenants = tenants(20_001);
        List<CompactTemplate> held = new ArrayList<>(tenants.size());
        held.add((CompactTemplate) engine.compile(Sources.of(tenants.get(0), "page", files(design))));
        long before = liveHeap();
        for (String tenant : tenants.subList(1, tenants.size())) {
            held.add((CompactTemplate) engine.compile(Sources.of(tenant, "page", files(design))));
        }
        long perPage = (liveHeap() - before) / 20_000 - 4; // less the test's own list slot
        System.out.printf("optimizer per shared page (heap after GC): %d B (estimate %d B)%n", perPage,
                MemoryEstimator.PAGE_ENTRY);
        assertSame(held.get(0).root, held.get(20_000).root, "one structure for every tenant");
        assertTrue(perPage <= SHARED_PAGE_BOUND, perPage + " B a page, more than " + SHARED_PAGE_BOUND);
        assertEquals(MemoryEstimator.PAGE_ENTRY, perPage, 12, "the estimate of a page's own entry");
        assertEquals(MemoryEstimator.PAGE_ENTRY, held.get(20_000).estimatedBytes(), "the weight a shared page adds");
    }

    /** Five pages a tenant, three of them one of three designs, two of their own; names shared, as the service's are. */
    private static void compileCorpus(CompactEngine engine, List<String> tenants, List<CompactTemplate> held) {
        Random random = new Random(42);
        List<String> designs = List.of(page("Design 0", random), page("Design 1", random), page("Design 2", random));
        List<String> names = List.of("page0", "page1", "page2", "page3", "page4");
        for (String tenant : tenants) {
            for (int p = 0; p < names.size(); p++) {
                String text = p < 3 ? designs.get(p) : page(tenant + " page " + p, random);
                held.add((CompactTemplate) engine.compile(Sources.of(tenant, names.get(p), files(names.get(p), text))));
            }
        }
    }

    @Test
    void theReportsTotalIsWhatTheEngineAddsToTheHeapWithinTenPerCent() throws InterruptedException {
        compileCorpus(engine(new CompileLedger()), tenants(20), new ArrayList<>()); // the JDK's first-use objects
        CompileLedger ledger = new CompileLedger();
        CompactEngine engine = engine(ledger);
        List<String> tenants = tenants(2_000);
        List<CompactTemplate> held = new ArrayList<>(tenants.size() * 5);
        long before = liveHeap();
        compileCorpus(engine, tenants, held);
        long added = liveHeap() - before;
        OptimizationReport report = new OptimizationReporter(ledger, new PassPipeline(Set.of(), 1000), OptimizerSettings.ALL)
                .report();
        System.out.printf("10,000 pages: report %d B (structure %d + bookkeeping %d), heap after GC %d B%n",
                report.heapBytes(), report.optimizedBytes(), report.bookkeepingBytes(), added);
        assertEquals(10_000, report.templates());
        assertEquals(added, report.heapBytes(), 0.10 * added, "the report within 10 % of the heap");
    }
}
