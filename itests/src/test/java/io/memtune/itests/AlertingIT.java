package io.memtune.itests;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

import com.codahale.metrics.MetricRegistry;

import io.memtune.api.alert.AlertService;
import io.memtune.api.alert.AlertState;

/**
 * Alerting against a real Prometheus Alertmanager (Debian's, started here on 127.0.0.1): a rule with a low
 * heap threshold fires under a load that holds memory, within {@code for} plus an interval, the
 * Alertmanager shows it active; the load stops, the alert resolves, the Alertmanager no longer shows it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AlertingIT {

    /** Unchanged when the test adds its rule: a change would replace the AlertService the test holds. */
    private static final String ALERTING =
            "\"io.memtune.alerting\": {\"rulesets\": [], \"evaluation.interval.ms\": 200, \"repeat.interval.ms\": 1000}";

    @Inject
    private BundleContext context;

    @Inject
    private AlertService alerts;

    @Inject
    private MetricRegistry registry;

    @Inject
    private CommandProcessor shell;

    private Process alertmanager;
    private final HttpClient http = HttpClient.newHttpClient();

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container("{\n  " + ALERTING + "\n}\n"));
    }

    @After
    public void stopAlertmanager() {
        if (alertmanager != null) {
            alertmanager.destroy();
        }
    }

    private int startAlertmanager(Path work) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = Files.writeString(work.resolve("alertmanager.yml"),
                "route:\n  receiver: 'null'\n  group_wait: 1s\nreceivers:\n  - name: 'null'\n");
        alertmanager = new ProcessBuilder(ExternalTools.require(ExternalTools.ALERTMANAGER).toString(),
                "--config.file=" + config, "--storage.path=" + Files.createDirectories(work.resolve("am-data")),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(work.resolve("alertmanager.log").toFile()).start();
        String ready = "http://127.0.0.1:" + port + "/-/ready";
        Workspace.await("the Alertmanager ready", Duration.ofSeconds(20), () -> get(ready).contains("OK"));
        return port;
    }

    private String get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private double heapUsed() {
        return ((Number) registry.getGauges().get("memtune.jvm.memory.heap.used").getValue()).doubleValue();
    }

    @Test
    public void aLowHeapThresholdFiresUnderLoadResolvesAfterItAndTheAlertmanagerHearsBoth() throws Exception {
        Workspace workspace = new Workspace(context);
        int port = startAlertmanager(workspace.work());
        System.gc();
        long base = (long) heapUsed();
        long threshold = base + (96L << 20);
        workspace.writeEnvironment("{\n"
                + "  " + ALERTING + ",\n"
                + "  \"io.memtune.alerting.rule~heap-low\": {\"rule.name\": \"heap-low\", \"metric\": \"memtune.jvm.memory.heap.used\","
                + " \"condition\": \">\", \"threshold\": " + threshold + ", \"clear.threshold\": " + (base + (48L << 20))
                + ", \"for.ms\": 500, \"keep.firing.for.ms\": 500, \"severity\": \"warning\", \"summary\": \"heap {{value}}\"},\n"
                + "  \"io.memtune.alerting.alertmanager~am\": {\"url\": \"http://127.0.0.1:" + port + "\", \"instance\": \"it\"}\n"
                + "}\n");
        Workspace.await("the rule in force", Duration.ofSeconds(10),
                () -> alerts.rules().stream().anyMatch(r -> r.name().equals("heap-low")));

        List<byte[]> load = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            load.add(new byte[1 << 20]); // holds 160 MiB
        }
        long start = System.nanoTime();
        Workspace.await("heap-low firing", Duration.ofSeconds(10), () -> firing("heap-low"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue("fired within for (500 ms) + evaluation (200 ms) + slack: " + millis + " ms", millis < 3000);
        String am = "http://127.0.0.1:" + port + "/api/v2/alerts";
        Workspace.await("the Alertmanager shows heap-low", Duration.ofSeconds(15), () -> get(am).contains("\"alertname\":\"heap-low\""));

        load.clear();
        Workspace.await("heap-low resolved", Duration.ofSeconds(20), () -> {
            System.gc();
            return alerts.alerts(true).stream().anyMatch(a -> a.rule().equals("heap-low") && a.state() == AlertState.RESOLVED);
        });
        Workspace.await("the Alertmanager no longer shows heap-low active", Duration.ofSeconds(20),
                () -> !get(am + "?active=true").contains("\"alertname\":\"heap-low\""));

        String listing = ShellCommands.run(shell, "memtune:alerts --all", "memtune:silence heap-low 10m", "memtune:alert-rules");
        assertTrue(listing, listing.contains("heap-low") && listing.contains("resolved") && listing.contains("silenced for PT10M"));
        assertTrue("states are kept across restarts", Files.readString(workspace.work().resolve("data/alerts/state.json"))
                .contains("heap-low"));
    }

    private boolean firing(String rule) {
        return alerts.alerts(false).stream().anyMatch(a -> a.rule().equals(rule) && a.state() == AlertState.FIRING);
    }
}
