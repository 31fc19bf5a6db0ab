package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

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

import io.memtune.api.execution.ExecutionStatistics;
import io.memtune.api.execution.TemplateExecutor;

/**
 * The execution optimizer in the container: a page that fits the held-back buffer goes out in one piece
 * with its length, a larger one is streamed while it renders, a batch answers in order with a failed item on
 * its own, and the endpoint keeps answering while the bundle is stopped.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExecutionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    private BundleContext context;

    private final HttpClient http = HttpClient.newHttpClient();

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container("{\n"
                + "  \"io.memtune.template\": {\"templates.root\": \"" + MemtuneOptions.WORK + "/templates\"},\n"
                + "  \"io.memtune.execution\": {\"buffer.chars\": 256}\n"
                + "}\n"));
    }

    @Before
    public void templates() throws Exception {
        Workspace workspace = new Workspace(context);
        workspace.write("templates/acme/list.txt.mustache", "{{#items}}item {{.}} ✓\n{{/items}}");
        workspace.write("templates/acme/loop.txt.mustache", "{{#node}}{{>loop.txt}}{{/node}}");
        Workspace.await("the execution optimizer", TIMEOUT, () -> context.getServiceReference(TemplateExecutor.class) != null);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port") + path);
        return http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String items(int n) {
        StringBuilder json = new StringBuilder("{\"items\": [");
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "" : ",").append(i);
        }
        return json.append("]}").toString();
    }

    private static String expected(int n) {
        StringBuilder page = new StringBuilder();
        for (int i = 0; i < n; i++) {
            page.append("item ").append(i).append(" ✓\n");
        }
        return page.toString();
    }

    private ExecutionStatistics statistics() {
        return context.getService(context.getServiceReference(TemplateExecutor.class)).statistics();
    }

    @Test
    public void aSmallPageGoesOutWithItsLengthAndALargeOneIsStreamed() throws Exception {
        HttpResponse<String> small = post("/render/acme/list.txt", items(3));
        assertEquals(small.body(), 200, small.statusCode());
        assertEquals(expected(3), small.body());
        assertEquals(String.valueOf(expected(3).getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
                small.headers().firstValue("Content-Length").orElse("none"));
        long streamedBefore = statistics().streamed();
        HttpResponse<String> large = post("/render/acme/list.txt", items(2000));
        assertEquals(200, large.statusCode());
        assertEquals(expected(2000), large.body());
        assertEquals("chunked", large.headers().firstValue("Transfer-Encoding").orElse("none"));
        assertEquals(streamedBefore + 1, statistics().streamed());
    }

    @Test
    public void aFailureBeforeAnythingWasSentIsACleanError() throws Exception {
        HttpResponse<String> r = post("/render/acme/loop.txt", "{\"node\": {}}");
        assertEquals(r.body(), 422, r.statusCode());
        assertTrue(r.body(), r.body().startsWith("{\"error\":\"render_error\""));
    }

    @Test
    public void aBatchAnswersInOrderWithAFailedItemOnItsOwn() throws Exception {
        HttpResponse<String> r = post("/render/acme/list.txt/batch", "[{\"items\": [1]}, 7, {\"items\": [2, 3]}]");
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().startsWith("[{\"output\":\"item 1 ✓\\n\"},{\"error\":\"bad_context\",\"detail\":"
                + "\"batch item 1 must be a JSON object\"},{\"output\":\"item 2 ✓\\nitem 3 ✓\\n\"}]"));
    }

    @Test
    public void theEndpointKeepsAnsweringWhileTheExecutionBundleIsStopped() throws Exception {
        Bundle execution = List.of(context.getBundles()).stream()
                .filter(b -> "io.memtune.execution".equals(b.getSymbolicName())).findFirst().orElseThrow();
        execution.stop();
        try {
            HttpResponse<String> r = post("/render/acme/list.txt", items(500));
            assertEquals(200, r.statusCode());
            assertEquals(expected(500), r.body());
        } finally {
            execution.start();
        }
        Workspace.await("the execution optimizer again", TIMEOUT,
                () -> context.getServiceReference(TemplateExecutor.class) != null);
    }
}
