package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.inject.Inject;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The probes a load balancer and Kubernetes ask: {@code /health/live} and {@code /health/ready} answered by the
 * Felix Health Checks of the tags {@code systemalive} and {@code systemready}, from every bundle that registers one
 * (ours and a third party's), and {@code memtune:health}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HealthIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    private CommandProcessor shell;

    private final HttpClient http = HttpClient.newHttpClient();

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container("{\n"
                + "  \"io.memtune.template\": {\"templates.root\": \"" + MemtuneOptions.WORK + "/templates\"},\n"
                + "  \"io.memtune.concurrency.executor~render\": {\"executor.name\": \"render\", \"memory.line\": 0.9}\n"
                + "}\n"));
    }

    private HttpResponse<String> get(String path) {
        URI uri = URI.create("http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port") + path);
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void awaitStatus(String path, int status) throws InterruptedException {
        Workspace.await(path + " answering " + status, TIMEOUT, () -> get(path).statusCode() == status);
    }

    @Test
    public void readinessNamesEachMemtuneCheckAndLivenessTheContainersOwn() throws Exception {
        new Workspace(context).write("templates/acme/page.html.mustache", "hello");
        awaitStatus("/health/ready", 200);
        HttpResponse<String> ready = get("/health/ready");
        assertTrue(ready.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("no-store", ready.headers().firstValue("Cache-Control").orElse(""));
        for (String check : new String[] {"framework started", "memtune started", "templates scanned", "not draining",
                "heap below the memory line"}) {
            assertTrue(check + " in " + ready.body(), ready.body().contains("\"name\":\"" + check + "\",\"status\":\"OK\""));
        }
        assertTrue(ready.body(), ready.body().contains("memory line 0.90 of executor render"));
        HttpResponse<String> live = get("/health/live");
        assertEquals(live.body(), 200, live.statusCode());
        assertTrue(live.body(), live.body().contains("\"name\":\"no deadlock\",\"status\":\"OK\""));
        assertTrue("Felix's own framework check, tagged systemalive by Felix: " + live.body(),
                live.body().contains("OSGi Framework Ready Check"));
        assertTrue("liveness runs no readiness check", !live.body().contains("templates scanned"));

        HttpResponse<String> unknown = get("/health/readyz");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body(), unknown.body().contains("\"error\":\"no probe /health/readyz\""));

        String shellReport = ShellCommands.run(shell, "memtune:health ready");
        assertTrue(shellReport, shellReport.startsWith("ready: OK (HTTP 200)") && shellReport.contains("templates scanned"));
    }

    @Test
    public void aThirdPartyCheckTaggedSystemreadyTakesTheInstanceOutUntilItRecovers() throws Exception {
        awaitStatus("/health/ready", 200);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(HealthCheck.NAME, "payment gateway reachable");
        properties.put(HealthCheck.TAGS, new String[] {"systemready", "payments"});
        ServiceRegistration<HealthCheck> check = context.registerService(HealthCheck.class,
                () -> new Result(Result.Status.CRITICAL, "gateway.example: connection refused"), properties);
        try {
            HttpResponse<String> ready = get("/health/ready");
            assertEquals(ready.body(), 503, ready.statusCode());
            assertTrue(ready.body(), ready.body().contains("\"status\":\"CRITICAL\",\"checks\":[{\"name\":\"payment gateway"
                    + " reachable\",\"status\":\"CRITICAL\""));
            assertTrue(ready.body(), ready.body().contains("gateway.example: connection refused"));
            assertEquals("liveness is not readiness", 200, get("/health/live").statusCode());
            try {
                ShellCommands.run(shell, "memtune:health ready");
                fail("memtune:health ready must fail while not ready");
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("ready: CRITICAL (HTTP 503)")
                        && e.getMessage().contains("payment gateway reachable"));
            }
        } finally {
            check.unregister();
        }
        assertEquals(200, get("/health/ready").statusCode());
    }

    @Test
    public void readinessFailsWhileTheTemplateBundleIsAwayNamingWhy() throws Exception {
        awaitStatus("/health/ready", 200);
        Bundle template = Arrays.stream(context.getBundles()).filter(b -> "io.memtune.template".equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        template.stop();
        try {
            HttpResponse<String> ready = get("/health/ready");
            assertEquals(ready.body(), 503, ready.statusCode());
            assertTrue(ready.body(), ready.body().contains("\"name\":\"templates scanned\",\"status\":\"TEMPORARILY_UNAVAILABLE\""));
            assertTrue(ready.body(), ready.body().contains("bundle io.memtune.template is RESOLVED (not started)"));
        } finally {
            template.start();
        }
        awaitStatus("/health/ready", 200);
    }
}
