package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import io.memtune.api.template.TemplateService;

/**
 * The HTTP bundle, the front of the request path: while the template bundle is stopped a render request waits for
 * it and is answered when it is back (200, not 503); past its wait it is answered 503 with Retry-After; /static
 * serves what the template bundle's asset index holds, and nothing while that index is away.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HttpIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    private BundleContext context;

    private final HttpClient http = HttpClient.newHttpClient();
    private Workspace workspace;

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container("{\n"
                + "  \"io.memtune.template\": {\"templates.root\": \"" + MemtuneOptions.WORK + "/templates\"},\n"
                + "  \"io.memtune.template.static\": {\"static.root\": \"" + MemtuneOptions.WORK + "/static\","
                + " \"poll.interval.ms\": 200},\n"
                + "  \"io.memtune.http.render\": {\"unavailable.wait.ms\": 4000}\n"
                + "}\n"));
    }

    @Before
    public void corpus() throws Exception {
        workspace = new Workspace(context);
        workspace.write("templates/acme/hello.txt.mustache", "Hello {{name}}");
        workspace.write("static/site.css", "body { margin: 0 }");
        Workspace.await("the template service", TIMEOUT, () -> context.getServiceReference(TemplateService.class) != null);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port") + path);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Bundle bundle(String name) {
        for (Bundle b : context.getBundles()) {
            if (name.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + name);
    }

    @Test
    public void aRequestWaitsForTheTemplateBundleToComeBackAndIsAnswered() throws Exception {
        assertEquals("Hello Ada", post("/render/acme/hello.txt", "{\"name\": \"Ada\"}").body());
        Bundle template = bundle("io.memtune.template");
        template.stop();
        try {
            CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return post("/render/acme/hello.txt", "{\"name\": \"Grace\"}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1000);
            assertTrue("the request waits while the template service is away", !waiting.isDone());
            template.start();
            HttpResponse<String> answer = waiting.get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(answer.body(), 200, answer.statusCode());
            assertEquals("Hello Grace", answer.body());
        } finally {
            if (template.getState() != Bundle.ACTIVE) {
                template.start();
            }
        }
    }

    @Test
    public void pastItsWaitARequestIsAnswered503WithRetryAfter() throws Exception {
        Bundle template = bundle("io.memtune.template");
        template.stop();
        try {
            long start = System.nanoTime();
            HttpResponse<String> answer = post("/render/acme/hello.txt", "{}");
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertEquals(answer.body(), 503, answer.statusCode());
            assertEquals("1", answer.headers().firstValue("Retry-After").orElse(null));
            assertTrue(answer.body(), answer.body().contains("\"error\":\"unavailable\""));
            assertTrue("it waited about unavailable.wait.ms: " + waited, waited >= 3500 && waited < 15_000);
        } finally {
            template.start();
        }
    }

    @Test
    public void staticFilesComeFromTheTemplateBundlesIndexAndNotWhileItIsAway() throws Exception {
        Workspace.await("the static index", TIMEOUT, () -> {
            try {
                return get("/static/site.css").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        HttpResponse<String> css = get("/static/site.css");
        assertEquals("body { margin: 0 }", css.body());
        assertTrue(css.headers().firstValue("ETag").isPresent());
        Bundle template = bundle("io.memtune.template");
        template.stop();
        try {
            assertEquals(404, get("/static/site.css").statusCode());
        } finally {
            template.start();
        }
        Workspace.await("served again", TIMEOUT, () -> {
            try {
                return get("/static/site.css").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }
}
