package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

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

import io.memtune.api.template.TemplateService;

/**
 * The template bundle inside Felix, over real HTTP: rendering, batches, every error status with its JSON
 * body, static files with ETag/304/gzip and fingerprints, refused traversals, hot reload of a template.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TemplateIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    private BundleContext context;

    @Inject
    private TemplateService templates;

    @Inject
    private org.apache.felix.service.command.CommandProcessor shell;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Workspace workspace;
    private String base;

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container("{\n"
                + "  \"io.memtune.template\": {\"templates.root\": \"" + MemtuneOptions.WORK + "/templates\","
                + " \"poll.interval.ms\": 200},\n"
                + "  \"io.memtune.template.static\": {\"static.root\": \"" + MemtuneOptions.WORK + "/static\","
                + " \"poll.interval.ms\": 200},\n"
                + "  \"io.memtune.http.render\": {\"render.max.body.bytes\": 4096}\n"
                + "}\n"));
    }

    @Before
    public void corpus() throws Exception {
        workspace = new Workspace(context);
        workspace.write("templates/_shared/layout.html.mustache", "<html>{{>header}}{{$body}}{{/body}}"
                + "<link href=\"{{assets.site_css}}\"></html>");
        workspace.write("templates/_shared/header.mustache", "<h1>shared {{brand}}</h1>");
        workspace.write("templates/acme/header.mustache", "<h1>acme {{brand}}</h1>");
        workspace.write("templates/acme/welcome.html.mustache", "{{<layout.html}}{{$body}}Hello {{name}}!{{/body}}{{/layout.html}}");
        workspace.write("templates/acme/note.txt.mustache", "note for {{name}}");
        workspace.write("templates/acme/broken.mustache", "line one\n{{#open}}never closed");
        workspace.write("templates/acme/missing.mustache", "{{>nowhere}}");
        workspace.write("templates/acme/recursive.mustache", "{{#node}}{{>recursive}}{{/node}}");
        if (!java.nio.file.Files.exists(workspace.work().resolve("static/site.css"))) {
            // written once: rewriting it would change its time under a test of Last-Modified
            workspace.write("static/site.css", "body { color: #333; }\n".repeat(50));
        }
        workspace.write("outside.txt", "secret");
        base = "http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port");
        Workspace.await("the static index and the HTTP endpoints", TIMEOUT,
                () -> get("/static/site.css").statusCode() == 200);
    }

    private HttpResponse<byte[]> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String error) {
        assertEquals(text(response), status, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(text(response), text(response).startsWith("{\"error\":\"" + error + "\",\"detail\":\""));
        assertTrue("no stack trace: " + text(response), !text(response).contains("\tat ") && !text(response).contains("Exception:"));
    }

    @Test
    public void rendersAPageWithTenantOverrideAndFingerprintedAssetTypedByItsExtension() {
        HttpResponse<byte[]> r = post("/render/acme/welcome.html", "{\"name\": \"Ada\", \"brand\": \"A&B\"}");
        assertEquals(text(r), 200, r.statusCode());
        assertEquals("text/html;charset=utf-8", r.headers().firstValue("Content-Type").orElse("").toLowerCase().replace(" ", ""));
        assertTrue(text(r), text(r).matches("<html><h1>acme A&amp;B</h1>Hello Ada!<link href=\"/static/site\\.[0-9a-f]{8}\\.css\"></html>"));
        HttpResponse<byte[]> note = post("/render/acme/note.txt", "{\"name\": \"Ada\"}");
        assertTrue(note.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    }

    @Test
    public void rendersABatchReportingAFailedItemOnItsOwn() {
        HttpResponse<byte[]> r = post("/render/acme/note.txt/batch", "[{\"name\": \"A\"}, {\"name\": \"B\"}]");
        assertEquals(text(r), 200, r.statusCode());
        assertEquals("[{\"output\":\"note for A\"},{\"output\":\"note for B\"}]", text(r));
        HttpResponse<byte[]> mixed = post("/render/acme/recursive/batch", "[{}, {\"node\": {}}]");
        assertTrue(text(mixed), text(mixed).startsWith("[{\"output\":\"\"},{\"error\":\"render_error\""));
    }

    @Test
    public void everyErrorHasItsStatusAndAJsonBody() {
        assertError(post("/render/acme/welcome.html", "{not json"), 400, "bad_context");
        assertError(post("/render/acme/welcome.html", "[1, 2]"), 400, "bad_context");
        assertError(post("/render/acme/welcome.html/batch", "{}"), 400, "bad_context");
        assertError(post("/render/nobody/welcome.html", "{}"), 404, "not_found");
        assertError(post("/render/acme/nothing-here", "{}"), 404, "not_found");
        assertError(post("/render/acme", "{}"), 404, "not_found");
        assertError(post("/render/acme/welcome.html", "{\"pad\": \"" + "x".repeat(5000) + "\"}"), 413, "body_too_large");
        assertError(post("/render/acme/broken", "{}"), 422, "compile_error");
        assertTrue(text(post("/render/acme/broken", "{}")).contains("acme/broken:2:1"));
        assertError(post("/render/acme/missing", "{}"), 404, "not_found");
        assertTrue(text(post("/render/acme/missing", "{}")).contains("partial 'nowhere' not found"));
        assertError(post("/render/acme/recursive", "{\"node\": {}}"), 422, "render_error");
        assertError(get("/render/acme/welcome.html"), 405, "method_not_allowed");
    }

    @Test
    public void staticFilesHonourEtagLastModifiedAndGzip() throws IOException {
        HttpResponse<byte[]> plain = get("/static/site.css");
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        assertTrue(plain.headers().firstValue("Last-Modified").isPresent());
        assertEquals("public, max-age=300", plain.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(304, get("/static/site.css", "If-None-Match", etag).statusCode());
        assertEquals(304, get("/static/site.css", "If-Modified-Since",
                plain.headers().firstValue("Last-Modified").orElseThrow()).statusCode());

        HttpResponse<byte[]> gz = get("/static/site.css", "Accept-Encoding", "gzip");
        assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElse(""));
        assertEquals("Accept-Encoding", gz.headers().firstValue("Vary").orElse(""));
        assertEquals(text(plain), new String(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes(),
                StandardCharsets.UTF_8));

        String page = text(post("/render/acme/welcome.html", "{}"));
        String url = page.substring(page.indexOf("/static/"), page.indexOf("\"></html>"));
        HttpResponse<byte[]> immutable = get(url);
        assertEquals(200, immutable.statusCode());
        assertEquals("public, max-age=31536000, immutable", immutable.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(templates.cacheTiers().get(0).entries() > 0);
    }

    @Test
    public void shellCommandsListTemplatesAndRender() throws Exception {
        post("/render/acme/welcome.html", "{}");
        String text = ShellCommands.run(shell, "memtune:templates acme", "memtune:render acme note.txt '{\"name\":\"Shell\"}'");
        assertTrue(text, text.matches("(?s).*welcome\\.html\\s+acme\\s+\\d+\\s+\\d+\\s+memory.*"));
        assertTrue(text, text.contains("broken") && text.contains("note for Shell"));
    }

    @Test
    public void traversalAttemptsAreRefused() {
        for (String path : new String[] {"/static/../outside.txt", "/static/%2e%2e/outside.txt", "/static/..%2foutside.txt",
                "/static/%252e%252e/outside.txt", "/static/.hidden", "/static/site.css/..%5c..%5coutside.txt"}) {
            int status = get(path).statusCode();
            assertTrue(path + " answered " + status, status == 400 || status == 404);
        }
    }

    @Test
    public void aTemplateEditedOnDiskIsServedNewWithinThePollInterval() throws Exception {
        assertTrue(text(post("/render/acme/note.txt", "{\"name\": \"A\"}")).equals("note for A"));
        workspace.write("templates/acme/note.txt.mustache", "edited note for {{name}}");
        Workspace.await("the edited template served", TIMEOUT,
                () -> text(post("/render/acme/note.txt", "{\"name\": \"A\"}")).equals("edited note for A"));
        workspace.write("templates/acme/note.txt.mustache", "note for {{name}}");
        Workspace.await("the template restored", TIMEOUT,
                () -> text(post("/render/acme/note.txt", "{\"name\": \"A\"}")).equals("note for A"));
    }
}
