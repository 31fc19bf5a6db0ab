package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

class TemplateReloadsTest {

    @TempDir
    Path work;

    private HttpServer server;
    private Bench bench;
    /** When set, the server answers with what it first read of each file (a container that never reloads). */
    private volatile boolean stale;
    private final Map<String, String> firstRead = new ConcurrentHashMap<>();

    /** A stand-in for the container: /render/tenant/name answers the template's text, or 404 without the file. */
    @BeforeEach
    void serveTheCorpus() throws IOException {
        bench = Bench.of(work.resolve("memtune"), work, 2, 3, 0, Duration.ZERO);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/render/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String[] parts = exchange.getRequestURI().getPath().split("/");
            Path file = bench.corpus().resolve("templates").resolve(parts[2]).resolve(parts[3] + ".mustache");
            String text = Files.exists(file) ? Files.readString(file) : null;
            if (text != null) {
                String first = firstRead.putIfAbsent(file.toString(), text);
                text = stale && first != null ? first : text;
            }
            byte[] body = (text == null ? "{\"error\":\"not_found\"}" : text).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(text == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private TemplateReloads reloads() {
        return new TemplateReloads(bench, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
    }

    @Test
    void anEditedPageIsVerifiedWhenItsNewRevisionIsServed() throws IOException {
        HotReload.Outcome outcome = reloads().editPage(1).verify(Duration.ofSeconds(5));
        assertTrue(outcome.verified(), outcome.toString());
        assertEquals(HotReload.Kind.TEMPLATE_EDIT, outcome.kind());
    }

    @Test
    void aContainerServingTheOldTextFailsTheVerification() throws IOException {
        TemplateReloads reloads = reloads();
        // served once before the edit, so the stale server keeps that text
        assertTrue(reloads.editPage(1).verify(Duration.ofSeconds(5)).verified());
        stale = true;
        HotReload.Outcome outcome = reloads.editPage(1 + 6).verify(Duration.ofMillis(300));
        assertFalse(outcome.verified());
        assertTrue(outcome.seenInstead().startsWith("status 200, without the new line"), outcome.seenInstead());
    }

    @Test
    void aPageEditedAgainHasOnlyItsLatestRevisionLine() throws IOException {
        TemplateReloads reloads = reloads();
        // six pages in this corpus: revision 1 and 7 are the same page
        reloads.editPage(1);
        reloads.editPage(7);
        String page = bench.targets().get(Math.floorMod(37, 6)).path();
        String[] parts = page.split("/");
        String text = Files.readString(bench.corpus().resolve("templates").resolve(parts[1]).resolve(parts[2] + ".mustache"));
        assertFalse(text.contains("soak revision 1<"), text);
        assertEquals(1, text.split("soak revision 7<", -1).length - 1, text);
        assertTrue(text.contains("soak revision 7</p>\n{{/content}}"), text);
    }

    @Test
    void aTemplateIsAddedThenRemovedAndEachIsVerifiedAsServedOrGone() throws IOException {
        TemplateReloads reloads = reloads();
        HotReload.Outcome added = reloads.addOrRemove(4).verify(Duration.ofSeconds(5));
        assertTrue(added.verified(), added.toString());
        assertEquals(HotReload.Kind.TEMPLATE_ADD, added.kind());
        HotReload.Outcome removed = reloads.addOrRemove(8).verify(Duration.ofSeconds(5));
        assertTrue(removed.verified(), removed.toString());
        assertEquals(HotReload.Kind.TEMPLATE_REMOVE, removed.kind());
        try (var files = Files.walk(bench.corpus().resolve("templates"))) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(TemplateReloads.EXTRA)));
        }
    }
}
