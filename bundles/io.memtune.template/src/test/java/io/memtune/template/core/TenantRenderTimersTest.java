package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

class TenantRenderTimersTest {

    private static final long BUDGET = 256 * 1024;
    private static final String OTHER = "memtune.template.render{tenant=other}";

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final MetricRegistry registry = new MetricRegistry();
    private TenantRenderTimers timers = new TenantRenderTimers(registry,
            new TenantRenderTimers.Settings(BUDGET, Duration.ofMinutes(5), 10), clock::get);

    @AfterEach
    void close() {
        timers.close();
    }

    private void render(String tenant, int times) {
        for (int i = 0; i < times; i++) {
            timers.rendered(tenant, TimeUnit.MICROSECONDS.toNanos(300), clock.get());
        }
    }

    private void maintainAfter(Duration elapsed) {
        clock.addAndGet(elapsed.toNanos());
        timers.maintain();
    }

    /** Time passing with the maintenance running at its interval, as in the container. */
    private void pass(Duration elapsed) {
        for (long n = elapsed.dividedBy(TenantRenderTimers.MAINTENANCE_INTERVAL); n > 0; n--) {
            maintainAfter(TenantRenderTimers.MAINTENANCE_INTERVAL);
        }
    }

    private Timer timer(String tenant) {
        return registry.getTimers().get("memtune.template.render{tenant=" + tenant + "}");
    }

    /** Renders tenants cold-0, cold-1, ... once each until one is folded; the number that got a series. */
    private int fillWithColdTenants() {
        for (int i = 0;; i++) {
            render("cold-" + i, 1);
            if (timer("cold-" + i) == null) {
                return i;
            }
        }
    }

    private long renderCount() {
        return registry.getTimers((name, m) -> name.startsWith("memtune.template.render{")).values().stream()
                .mapToLong(Timer::getCount).sum();
    }

    @Test
    void holdsNoMoreThanItsBudgetWhenAHundredThousandTenantsRenderOnceEach() {
        for (int i = 0; i < 100_000; i++) {
            render("tenant-" + i, 1);
            if (i % 1_000 == 999) {
                maintainAfter(Duration.ofSeconds(1));
            }
        }
        long retained = GraphLayout.parseInstance(registry, timers).totalSize();
        int tracked = timers.trackedTenants().size();
        assertTrue(retained <= BUDGET, "retained " + retained + " bytes, budget " + BUDGET);
        assertTrue(retained <= timers.estimatedBytes(), "retained " + retained + ", estimated " + timers.estimatedBytes());
        assertTrue(tracked >= 20, tracked + " tenants with a series in " + BUDGET + " bytes");
        assertEquals(100_000 - tracked, timers.foldedTenants(), 0.1 * 100_000);
        assertEquals(100_000 - tracked, registry.getTimers().get(OTHER).getCount());
        assertEquals(100_000, renderCount());
    }

    @Test
    void keepsASeriesForEveryTenantWhileTheBudgetHasRoom() {
        render("acme", 3);
        render("globex", 1);
        assertEquals(3, timer("acme").getCount());
        assertEquals(1, timer("globex").getCount());
        assertEquals(0, registry.getTimers().get(OTHER).getCount());
        assertEquals(List.of("acme", "globex"), timers.trackedTenants());
        assertEquals(2, registry.getGauges().get("memtune.template.tenants.tracked").getValue());
    }

    @Test
    void foldsTenantsBeyondTheBudgetIntoOtherAndLosesNoRender() {
        int tracked = fillWithColdTenants();
        render("late", 5);
        assertNull(timer("late"));
        assertEquals(6, registry.getTimers().get(OTHER).getCount(), "cold-" + tracked + " and late's five");
        assertEquals(tracked + 6, renderCount());
        assertTrue(timers.estimatedBytes() <= BUDGET);
    }

    @Test
    void promotesAFoldedTenantFarBusierThanTheLeastBusyTrackedOne() {
        int tracked = fillWithColdTenants();
        render("hot", 100);
        maintainAfter(Duration.ofSeconds(10));
        assertNotNull(timer("hot"), "hot has a series");
        assertEquals(0, timer("hot").getCount(), "a new series starts at zero; its folded renders stay in other");
        assertEquals(tracked, timers.trackedTenants().size(), "one cold tenant made way");
        render("hot", 1);
        assertEquals(1, timer("hot").getCount());
    }

    @Test
    void doesNotSwapTenantsWhoseLoadIsAlike() {
        int tenants = 3 * fillWithColdTenants();
        maintainAfter(Duration.ofSeconds(10));
        List<String> before = timers.trackedTenants();
        for (int round = 0; round < 12; round++) {
            for (int t = 0; t < tenants; t++) {
                render("cold-" + t, 2);
            }
            maintainAfter(Duration.ofSeconds(10));
        }
        assertEquals(before, timers.trackedTenants());
    }

    @Test
    void removesTheSeriesOfIdleTenantsFromTheRegistry() {
        render("acme", 1);
        render("globex", 1);
        pass(Duration.ofMinutes(3));
        render("globex", 1);
        pass(Duration.ofMinutes(3));
        assertNull(timer("acme"), "idle for 6 minutes");
        assertNotNull(timer("globex"), "idle for 3 minutes");
        pass(Duration.ofMinutes(3));
        assertNull(timer("globex"));
        assertEquals(List.of(), timers.trackedTenants());
        long retained = GraphLayout.parseInstance(registry, timers).totalSize();
        assertTrue(retained < BUDGET / 2, "retained " + retained + " bytes with no tenant series");
    }

    @Test
    void namesTheBusiestFoldedTenantsAndCountsTheFolded() {
        int tracked = fillWithColdTenants();
        for (int t = 0; t < tracked; t++) {
            render("cold-" + t, 100); // every tracked tenant is busy: nothing folded outruns them
        }
        render("warm", 50);
        render("mild", 20);
        maintainAfter(Duration.ofSeconds(10));
        assertNull(timer("warm"));
        Map<String, Gauge> gauges = registry.getGauges();
        assertEquals(50L, gauges.get("memtune.template.tenants.folded.renders{tenant=warm}").getValue());
        assertEquals(20L, gauges.get("memtune.template.tenants.folded.renders{tenant=mild}").getValue());
        assertEquals(2L + 1, gauges.get("memtune.template.tenants.folded").getValue(), "warm, mild, and the coldest");
        assertEquals("warm", timers.listedFolded().get(0).tenant());
        @SuppressWarnings("unchecked")
        Map<String, Object> view = (Map<String, Object>) gauges.get("memtune.template.tenants").getValue();
        assertEquals(timers.trackedTenants(), view.get("tracked"));
        assertEquals(BUDGET, view.get("budgetBytes"));
    }

    @Test
    void aTenantCalledOtherIsAlwaysFolded() {
        render("other", 2);
        assertEquals(List.of(), timers.trackedTenants());
        assertEquals(2, registry.getTimers().get(OTHER).getCount());
    }

    @Test
    void countsEveryRenderOfConcurrentThreads() throws Exception {
        int threads = 4;
        int renders = 50_000;
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int offset = w;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < renders; i++) {
                    timers.rendered("tenant-" + ((i + offset) % 500), 1_000, clock.get());
                }
            });
            thread.start();
            workers.add(thread);
        }
        for (Thread thread : workers) {
            thread.join();
        }
        assertEquals((long) threads * renders, renderCount());
        assertTrue(timers.trackedTenants().size() < 500, "the budget folded some of them");
    }

    @Test
    void closingRemovesEveryMetricItRegistered() {
        fillWithColdTenants();
        render("warm", 30);
        maintainAfter(Duration.ofSeconds(10));
        timers.close();
        assertEquals(List.of(), List.copyOf(registry.getNames()));
    }

    @Test
    void aSmallerBudgetHoldsFewerSeries() {
        int atBudget = fillWithColdTenants();
        timers.close();
        registry.removeMatching((n, m) -> true);
        timers = new TenantRenderTimers(registry, new TenantRenderTimers.Settings(BUDGET / 2, Duration.ofMinutes(5), 10),
                clock::get);
        int atHalf = fillWithColdTenants();
        assertTrue(atHalf < atBudget / 2 + 2 && atHalf > 0, atHalf + " at half the budget, " + atBudget + " at it");
        assertFalse(timers.estimatedBytes() > BUDGET / 2);
    }
}
