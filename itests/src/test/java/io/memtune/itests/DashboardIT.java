package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import com.fasterxml.jackson.databind.JsonNode;

import io.memtune.api.alert.AlertService;
import io.memtune.api.concurrency.ConcurrencyManager;
import io.memtune.api.metrics.MetricHistory;
import io.memtune.api.template.TemplateService;
import io.memtune.api.tuner.Recommendation;
import io.memtune.api.tuner.Tuner;
import io.memtune.api.tuner.TuningContext;
import io.memtune.api.tuner.TuningRule;

/**
 * The dashboard in a real browser (Debian's headless Chromium, driven over its DevTools protocol): the page loads
 * from the container; its charts have titles and units in words, a value axis and a time axis, and data, per tenant
 * too; an induced alert appears; template memory by tenant is listed with the optimizer's savings; a tuner
 * recommendation is applied and rolled back from the page, and only with the admin token. Screenshots are left in
 * {@code itests/target/dashboard*.png}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DashboardIT {

    private static final String TOKEN = "dashboard-it-admin-token";
    private static final String RECOMMENDATION = "it-dashboard:reports";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    private BundleContext context;

    @Inject
    private AlertService alerts;

    @Inject
    private MetricHistory history;

    @Inject
    private TemplateService templates;

    @Inject
    private Tuner tuner;

    @Inject
    private ConcurrencyManager concurrency;

    private final HttpClient http = HttpClient.newHttpClient();

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container("{\n"
                + "  \"io.memtune.monitoring.history\": {\"resolution.ms\": 200},\n"
                + "  \"io.memtune.alerting\": {\"rulesets\": [], \"evaluation.interval.ms\": 200},\n"
                + "  \"io.memtune.alerting.rule~induced\": {\"rule.name\": \"induced-alert\", \"metric\": \"memtune.jvm.threads.count\","
                + " \"threshold\": 1, \"for.ms\": 0, \"summary\": \"{{value}} threads (induced for the test)\"},\n"
                + "  \"io.memtune.template\": {\"templates.root\": \"" + MemtuneOptions.WORK + "/templates\", \"poll.interval.ms\": 200},\n"
                + "  \"io.memtune.concurrency.executor~reports\": {\"executor.name\": \"reports\", \"workers.min\": 1, \"workers.max\": 2},\n"
                + "  \"io.memtune.dashboard\": {\"admin.token\": \"" + TOKEN + "\", \"render.rate.interval.ms\": 200}\n"
                + "}\n"));
    }

    /** Two tenants rendering, acme three times as often, so the per-tenant charts have lines. */
    @Before
    public void rendersOfTwoTenants() throws Exception {
        Workspace workspace = new Workspace(context);
        workspace.write("templates/acme/page.html.mustache", "<h1>acme</h1>{{#items}}<p>{{name}}</p>{{/items}}");
        workspace.write("templates/globex/page.html.mustache", "<h1>globex</h1>{{name}}");
        Workspace.await("the tenants seen", TIMEOUT, () -> templates.tenants().containsAll(List.of("acme", "globex")));
        Map<String, Object> page = Map.of("name", "Ada", "items", List.of(Map.of("name", "one"), Map.of("name", "two")));
        for (int i = 0; i < 200; i++) {
            templates.render(i % 4 == 0 ? "globex" : "acme", "page.html", page, new StringWriter());
            Thread.sleep(10);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port");
    }

    private HeadlessChromium browser() throws Exception {
        return HeadlessChromium.start(new Workspace(context).work().resolve("chromium-" + System.nanoTime()), 1280, 1000);
    }

    private static Path screenshotFile(String name) {
        return Path.of(System.getProperty("memtune.itests.work", "target/it-work")).getParent().resolve(name);
    }

    private static void save(byte[] png, String name) throws Exception {
        Path file = screenshotFile(name);
        Files.write(file, png);
        assertTrue("a screenshot with something in it: " + file, png.length > 10_000);
    }

    /** What the page shows of each chart: title, unit, axes, lines. */
    private static final String CHARTS = "[...document.querySelectorAll('figure.chart')].map(f => ({id: f.dataset.chart,"
            + " title: f.querySelector('.title').textContent, unit: f.querySelector('.unit').textContent,"
            + " yTicks: [...f.querySelectorAll('.y-tick')].map(t => t.textContent), yTitle: f.querySelector('.y-title').textContent,"
            + " xTicks: [...f.querySelectorAll('.x-tick')].map(t => t.textContent), xTitle: f.querySelector('.x-title').textContent,"
            + " lines: [...f.querySelectorAll('polyline')].map(p => ({label: p.dataset.label, points: +p.dataset.points})),"
            + " legend: f.querySelector('.legend').textContent}))";

    private static JsonNode chart(JsonNode charts, String id) {
        for (JsonNode c : charts) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no chart " + id + " in " + charts);
    }

    private static int points(JsonNode chart, String label) {
        for (JsonNode l : chart.get("lines")) {
            if (l.get("label").asText().equals(label)) {
                return l.get("points").asInt();
            }
        }
        return -1;
    }

    @Test
    public void thePageShowsChartsWithUnitsAxesAndDataAndTheInducedAlert() throws Exception {
        Workspace.await("history and the induced alert", TIMEOUT,
                () -> history.samples("memtune.jvm.memory.heap.used").size() >= 3
                        && alerts.alerts(false).stream().anyMatch(a -> a.rule().equals("induced-alert")));
        try (HeadlessChromium browser = browser()) {
            browser.open(base() + "/dashboard/");
            browser.await("the charts drawn with data", "document.querySelectorAll('figure.chart').length === 6"
                    + " && +document.querySelector('[data-chart=heap] polyline').dataset.points >= 3"
                    + " && +document.querySelector('[data-chart=renders] polyline[data-label=acme]')?.dataset.points >= 2");
            JsonNode charts = browser.evaluate(CHARTS);
            Map<String, String[]> expected = Map.of(
                    "heap", new String[] {"Heap after GC, used and committed", "MB"},
                    "gc", new String[] {"Time spent in GC", "% of wall time"},
                    "allocation", new String[] {"Allocation rate", "MB/s"},
                    "threads", new String[] {"Live threads", "threads"},
                    "renders", new String[] {"Renders per second by tenant", "renders/s"},
                    "latency", new String[] {"Render time by tenant, 99th percentile", "ms"});
            expected.forEach((id, words) -> {
                JsonNode c = chart(charts, id);
                assertEquals(c.toString(), words[0], c.get("title").asText());
                assertEquals(c.toString(), "(" + words[1] + ")", c.get("unit").asText());
                assertEquals("the value axis is named with the unit: " + c, words[1], c.get("yTitle").asText());
                assertTrue("the value axis has ticks from 0: " + c, c.get("yTicks").size() >= 2
                        && c.get("yTicks").get(0).asText().matches("0(\\.0+)?"));
                for (JsonNode tick : c.get("yTicks")) {
                    assertTrue("a number on the value axis: " + c, tick.asText().matches("[0-9][0-9,]*(\\.[0-9]+)?"));
                }
                assertTrue("the time axis has clock times: " + c, c.get("xTicks").size() >= 2);
                for (JsonNode tick : c.get("xTicks")) {
                    assertTrue("a clock time on the time axis: " + c, tick.asText().matches("\\d\\d:\\d\\d(:\\d\\d)?"));
                }
                assertEquals(c.toString(), "time (local), last 10 min", c.get("xTitle").asText());
                assertTrue("the legend gives the values with the unit: " + c, c.get("legend").asText().contains(" " + words[1]));
            });
            JsonNode heap = chart(charts, "heap");
            assertTrue(heap.toString(), points(heap, "after GC") >= 3 && points(heap, "used") >= 3 && points(heap, "committed") >= 3);
            assertTrue(heap.get("legend").asText(), heap.get("legend").asText().matches(".*after GC now [0-9.,]+ MB.*"));
            JsonNode renders = chart(charts, "renders");
            assertTrue("renders per second for both tenants: " + renders, points(renders, "acme") >= 2 && points(renders, "globex") >= 2);
            assertTrue(chart(charts, "latency").toString(), points(chart(charts, "latency"), "acme") >= 1);

            String alertRows = browser.evaluate("document.querySelector('#alerts tbody').textContent").asText();
            assertTrue("the induced alert is listed as firing: " + alertRows, alertRows.contains("induced-alert")
                    && alertRows.contains("firing") && alertRows.contains("threads (induced for the test)"));

            browser.await("template memory by tenant", "document.querySelector('#memory tbody').textContent.includes('acme')");
            String memory = browser.evaluate("document.querySelector('#memory tbody').textContent").asText();
            assertTrue(memory, memory.contains("globex") && memory.contains("KB"));
            String summary = browser.evaluate("document.getElementById('memory-summary').textContent").asText();
            assertTrue("the optimizer's savings: " + summary, summary.contains("the optimizer keeps") && summary.contains("saving"));

            save(browser.screenshot("main"), "dashboard.png");
            save(browser.screenshot("#jvm-charts"), "dashboard-charts.png");

            // a shorter window: the time axis follows, with seconds
            browser.evaluate("document.querySelector('[data-window=\"60\"]').click()");
            JsonNode shorter = chart(browser.evaluate(CHARTS), "heap");
            assertEquals(shorter.toString(), "time (local), last 1 min", shorter.get("xTitle").asText());
            assertTrue(shorter.toString(), shorter.get("xTicks").get(0).asText().matches("\\d\\d:\\d\\d:\\d\\d"));
        }
    }

    private int maxWorkers(String executor) {
        return concurrency.executor(executor).map(e -> e.statistics().maxWorkers()).orElse(-1);
    }

    private String action(HeadlessChromium browser) throws Exception {
        return browser.evaluate("document.getElementById('action').textContent").asText();
    }

    @Test
    public void aRecommendationIsAppliedAndRolledBackFromThePageOnlyWithTheToken() throws Exception {
        Workspace.await("the reports executor", TIMEOUT, () -> maxWorkers("reports") == 2);
        AtomicBoolean offered = new AtomicBoolean(true);
        ServiceRegistration<TuningRule> rule = context.registerService(TuningRule.class, new TuningRule() {
            @Override
            public String name() {
                return "it-dashboard";
            }

            @Override
            public List<Recommendation> evaluate(TuningContext c) {
                return !offered.get() ? List.of() : List.of(new Recommendation(RECOMMENDATION, name(),
                        Recommendation.Kind.LIVE_CONFIGURATION, "io.memtune.concurrency.executor~reports/workers.max", "2", "3",
                        "the reports queue waits (a test rule)", "shorter waits", 0.8, null, true));
            }
        }, null);
        try (HeadlessChromium browser = browser()) {
            browser.open(base() + "/dashboard/");
            String apply = "[...document.querySelectorAll('#recommendations tbody tr')].find(tr => tr.textContent.includes('"
                    + RECOMMENDATION + "'))?.querySelector('button')";
            browser.await("the recommendation listed with an Apply button", apply + "?.textContent === 'Apply'");

            browser.evaluate(apply + ".click()");
            browser.await("the refusal shown", "document.getElementById('action').textContent.startsWith('401')");
            assertTrue(action(browser), action(browser).contains("Bearer"));
            assertEquals("nothing applied without the token", 2, maxWorkers("reports"));
            assertTrue(tuner.history().stream().noneMatch(c -> c.recommendation().id().equals(RECOMMENDATION)));

            browser.evaluate("document.getElementById('token').value = '" + TOKEN + "'");
            browser.evaluate(apply + ".click()");
            browser.await("the apply confirmed", "document.getElementById('action').textContent === 'applied " + RECOMMENDATION + "'");
            offered.set(false);
            Workspace.await("the change in force, live", TIMEOUT, () -> maxWorkers("reports") == 3);

            String rollBack = "[...document.querySelectorAll('#tuner-history tbody tr')].find(tr => tr.textContent.includes('"
                    + RECOMMENDATION + "'))?.querySelector('button')";
            browser.await("the change listed with a Roll back button", rollBack + "?.textContent === 'Roll back'");
            save(browser.screenshot("section.admin"), "dashboard-tuner.png");
            browser.evaluate(rollBack + ".click()");
            browser.await("the rollback confirmed", "document.getElementById('action').textContent === 'rolled back "
                    + RECOMMENDATION + "'");
            Workspace.await("the old value back, live", TIMEOUT, () -> maxWorkers("reports") == 2);
            List<String> outcomes = tuner.history().stream().filter(c -> c.recommendation().id().equals(RECOMMENDATION))
                    .map(Tuner.Change::outcome).toList();
            assertEquals(List.of("applied", "rolled back: by the operator"), outcomes);
            browser.await("the page shows the rollback", "document.querySelector('#tuner-history tbody').textContent"
                    + ".includes('rolled back: by the operator')");
        } finally {
            rule.unregister();
        }
    }

    private HttpResponse<String> post(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void adminActionsNeedTheToken() throws Exception {
        for (String action : List.of("/dashboard/api/actions/profile?kind=histogram",
                "/dashboard/api/actions/tuner/apply?id=" + RECOMMENDATION, "/dashboard/api/actions/tuner/rollback?id=" + RECOMMENDATION)) {
            HttpResponse<String> without = post(action, null);
            assertEquals(action, 401, without.statusCode());
            assertTrue(without.body(), without.body().contains("\"error\":\"unauthorized\"") && without.body().contains("Bearer"));
            assertEquals(action, 401, post(action, "Bearer nope").statusCode());
        }
        HttpResponse<String> notInForce = post("/dashboard/api/actions/tuner/rollback?id=never-applied", "Bearer " + TOKEN);
        assertEquals(notInForce.body(), 409, notInForce.statusCode());
        assertTrue(notInForce.body(), notInForce.body().contains("never-applied"));

        HttpResponse<String> with = post("/dashboard/api/actions/profile?kind=histogram", "Bearer " + TOKEN);
        assertEquals(with.body(), 200, with.statusCode());
        String id = with.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(base() + "/dashboard/api/profiles/" + id)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(base() + "/dashboard/api/profiles/" + id))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertTrue(new String(download.body(), StandardCharsets.UTF_8).contains("#instances"));
        assertFalse("the profile is listed", http.send(HttpRequest.newBuilder(URI.create(base() + "/dashboard/api/profiles"))
                .build(), HttpResponse.BodyHandlers.ofString()).body().isEmpty());
    }
}
