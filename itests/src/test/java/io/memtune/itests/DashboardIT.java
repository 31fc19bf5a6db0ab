package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

import io.memtune.api.alert.AlertService;
import io.memtune.api.metrics.MetricHistory;

/**
 * The dashboard in a real browser (Debian's headless Chromium): the page loads from the container, its
 * charts have data, an induced alert appears; a screenshot is left in {@code itests/target/dashboard.png}.
 * And admin actions need the token.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DashboardIT {

    @Inject
    private BundleContext context;

    @Inject
    private AlertService alerts;

    @Inject
    private MetricHistory history;

    private final HttpClient http = HttpClient.newHttpClient();

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container("{\n"
                + "  \"io.memtune.monitoring.history\": {\"resolution.ms\": 200},\n"
                + "  \"io.memtune.alerting\": {\"rulesets\": [], \"evaluation.interval.ms\": 200},\n"
                + "  \"io.memtune.alerting.rule~induced\": {\"rule.name\": \"induced-alert\", \"metric\": \"memtune.jvm.threads.count\","
                + " \"threshold\": 1, \"for.ms\": 0, \"summary\": \"{{value}} threads (induced for the test)\"},\n"
                + "  \"io.memtune.dashboard\": {\"admin.token\": \"t0ken\"}\n"
                + "}\n"));
    }

    private String base() {
        return "http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port");
    }

    private List<String> chromium(String... args) {
        List<String> command = new ArrayList<>(List.of(ExternalTools.require(ExternalTools.CHROMIUM).toString(), "--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + new Workspace(context).work().resolve("chromium-"
                        + System.nanoTime()), "--virtual-time-budget=5000", "--window-size=1280,1100"));
        command.addAll(List.of(args));
        command.add(base() + "/dashboard/");
        return command;
    }

    private String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("chromium finished", p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    @Test
    public void thePageShowsChartsWithDataAndTheInducedAlert() throws Exception {
        Workspace.await("history and the induced alert", Duration.ofSeconds(15),
                () -> history.samples("memtune.jvm.memory.heap.used").size() >= 3
                        && alerts.alerts(false).stream().anyMatch(a -> a.rule().equals("induced-alert")));
        String dom = run(chromium("--dump-dom"));
        Matcher points = Pattern.compile("data-series=\"memtune.jvm.memory.heap.used\".*?data-points=\"(\\d+)\"",
                Pattern.DOTALL).matcher(dom);
        assertTrue("the heap chart is drawn: " + dom.substring(0, Math.min(dom.length(), 2000)), points.find());
        assertTrue("the heap chart has data", Integer.parseInt(points.group(1)) >= 3);
        assertTrue("the induced alert is listed", dom.contains("induced-alert") && dom.contains("threads (induced for the test)"));

        Path screenshot = Path.of(System.getProperty("memtune.itests.work", "target/it-work")).getParent().resolve("dashboard.png");
        run(chromium("--screenshot=" + screenshot));
        assertTrue("a screenshot was taken: " + screenshot, Files.size(screenshot) > 10_000);
    }

    @Test
    public void adminActionsNeedTheToken() throws Exception {
        URI action = URI.create(base() + "/dashboard/api/actions/profile?kind=histogram");
        HttpResponse<String> without = http.send(HttpRequest.newBuilder(action).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, without.statusCode());
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(action).header("Authorization", "Bearer nope")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrong.statusCode());
        HttpResponse<String> with = http.send(HttpRequest.newBuilder(action).header("Authorization", "Bearer t0ken")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(with.body(), 200, with.statusCode());
        String id = with.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(base() + "/dashboard/api/profiles/" + id)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(base() + "/dashboard/api/profiles/" + id))
                .header("Authorization", "Bearer t0ken").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertTrue(new String(download.body(), StandardCharsets.UTF_8).contains("#instances"));
    }
}
