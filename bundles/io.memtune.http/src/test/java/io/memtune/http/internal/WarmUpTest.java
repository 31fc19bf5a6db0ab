package io.memtune.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.memtune.api.template.CacheTier;
import io.memtune.api.template.TemplateInfo;
import io.memtune.api.template.TemplateService;

class WarmUpTest {

    @TempDir
    Path samples;

    /** Every request costs the same 100 µs of CPU, and nothing is compiled. */
    private record FixedCosts(AtomicInteger requests) implements WarmUp.Costs {
        @Override
        public long cpuNanos() {
            return requests.get() * 100_000L;
        }

        @Override
        public long compileNanos() {
            return 0;
        }
    }

    @Test
    void stillCompilingOrStillGettingCheaperIsNotSteady() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = countingRenders(requests);
        long started = System.nanoTime();
        WarmUp.Costs compiling = new WarmUp.Costs() {
            @Override
            public long cpuNanos() {
                return requests.get() * 100_000L;
            }

            @Override
            public long compileNanos() {
                return (System.nanoTime() - started) / 2; // half of every second compiling
            }
        };
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            WarmUp.Outcome o = new WarmUp(base, List.of(new WarmUp.Target("/render/t/a", "{}".getBytes(StandardCharsets.UTF_8))),
                    2, 4_000, 1_000, compiling).run(() -> false);
            assertFalse(o.steady(), "the JIT never settled: " + o);
            assertTrue(o.millis() >= 4_000, "it ran its whole time: " + o.millis());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aFigureIsSteadyWhenTheLastThreeWindowsAreWithinATenthOfTheirMean() {
        assertFalse(WarmUp.steady(List.of(100.0, 100.0)), "too few windows");
        assertFalse(WarmUp.steady(List.of(100.0, 200.0, 400.0)), "still rising");
        assertTrue(WarmUp.steady(List.of(10.0, 950.0, 1000.0, 1040.0)));
        assertFalse(WarmUp.steady(List.of(0.0, 0.0, 0.0)), "nothing rendered is not steady");
    }

    @Test
    void postsASpreadOfNamesOverTenantsWithTheirSampleContexts() throws IOException {
        Files.writeString(samples.resolve("a.html.json"), "{\"x\": 1}");
        TemplateService repository = repository(Map.of("t1", List.of("a.html", "b.html", "c.html"), "t2", List.of("a.html")));

        List<WarmUp.Target> targets = WarmUpComponent.targets(repository, samples, 3);

        assertEquals(List.of("/render/t1/a.html", "/render/t2/a.html", "/render/t1/b.html"),
                targets.stream().map(WarmUp.Target::path).toList());
        assertEquals("{\"x\": 1}", new String(targets.get(0).body(), StandardCharsets.UTF_8));
        assertEquals("{}", new String(targets.get(2).body(), StandardCharsets.UTF_8), "no sample: an empty context");
    }

    @Test
    void findsItsOwnAddressFromTheWhiteboardsEndpoint() {
        assertEquals(URI.create("http://127.0.0.1:8080"), WarmUpComponent.base(new String[] {"http://0.0.0.0:8080/"}));
        assertEquals(URI.create("http://10.1.2.3:9000"), WarmUpComponent.base("http://10.1.2.3:9000/"));
        assertNull(WarmUpComponent.base(null));
    }

    @Test
    void postsUntilTheRateIsSteadyThenStops() throws Exception {
        AtomicInteger posts = new AtomicInteger();
        HttpServer server = countingRenders(posts);
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            WarmUp.Outcome o = new WarmUp(base, List.of(new WarmUp.Target("/render/t/a", "{}".getBytes(StandardCharsets.UTF_8))),
                    2, 20_000, 3_000, new FixedCosts(posts)).run(() -> false);
            assertTrue(o.steady(), "a server answering at a constant cost is steady: " + o);
            assertTrue(o.millis() >= 3_000 && o.millis() < 15_000, "at least the minimum, then it stops: " + o.millis());
            assertTrue(Math.abs(posts.get() - o.requests()) <= 2, "every answered post counted: " + posts.get() + " vs " + o);
            assertEquals(0, o.failed());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void judgesTheServersCpuARenderWithoutItsOwnClients() throws Exception {
        AtomicInteger posts = new AtomicInteger();
        HttpServer server = countingRenders(posts);
        // the process spends 1,000 µs a render, 900 of them in the one poster thread: the server's share is 100
        WarmUp.Costs clientHeavy = new WarmUp.Costs() {
            @Override
            public long cpuNanos() {
                return posts.get() * 1_000_000L;
            }

            @Override
            public long compileNanos() {
                return 0;
            }

            @Override
            public long threadCpuNanos(Thread thread) {
                return thread.getName().startsWith("memtune-warm-up-") ? posts.get() * 900_000L : 0;
            }
        };
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            WarmUp.Outcome o = new WarmUp(base, List.of(new WarmUp.Target("/render/t/a", "{}".getBytes(StandardCharsets.UTF_8))),
                    1, 10_000, 3_000, clientHeavy).run(() -> false);
            assertTrue(o.steady(), "constant costs are steady: " + o);
            assertEquals(100, o.cpuPerRequest(), 5, "the server's share of a render's CPU: " + o);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void givesUpSoonWhenEveryRenderFailsAndSaysWithWhat() throws Exception {
        AtomicInteger posts = new AtomicInteger();
        HttpServer server = answering(posts, path -> 503);
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            WarmUp.Outcome o = new WarmUp(base, List.of(new WarmUp.Target("/render/t/a", "{}".getBytes(StandardCharsets.UTF_8))),
                    2, 30_000, 1_000, new FixedCosts(posts)).run(() -> false);
            assertTrue(o.failing(), "every render refused: " + o);
            assertFalse(o.steady());
            assertTrue(o.millis() < 10_000, "gave up after a few windows, not its 30 s: " + o.millis());
            assertEquals(0, o.requests());
            assertEquals(o.failed(), o.failures().get("503"), "every failure counted under its status: " + o);
            assertEquals("POST /render/t/a answered 503", o.firstFailure());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void keepsWarmingWhileSomePagesRender() throws Exception {
        AtomicInteger posts = new AtomicInteger();
        HttpServer server = answering(posts, path -> path.endsWith("/bad") ? 422 : 200);
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
            WarmUp.Outcome o = new WarmUp(base, List.of(new WarmUp.Target("/render/t/bad", empty),
                    new WarmUp.Target("/render/t/a", empty)), 2, 20_000, 3_000, new FixedCosts(posts)).run(() -> false);
            assertFalse(o.failing(), "half the pages render: " + o);
            assertTrue(o.steady(), "and the server's cost a render settles: " + o);
            assertTrue(o.requests() > 0 && o.failures().get("422") > 0, "both counted: " + o);
            assertEquals("POST /render/t/bad answered 422", o.firstFailure());
        } finally {
            server.stop(0);
        }
    }

    /** A started server that answers every POST under /render/ with the status {@code status} gives its path. */
    private static HttpServer answering(AtomicInteger posts, java.util.function.ToIntFunction<String> status)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/render/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            posts.incrementAndGet();
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.applyAsInt(exchange.getRequestURI().getPath()), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** A started server that answers every POST under /render/ 200, counting them in {@code answered}. */
    private static HttpServer countingRenders(AtomicInteger answered) throws IOException {
        return answering(answered, path -> 200);
    }

    private static TemplateService repository(Map<String, List<String>> names) {
        return new TemplateService() {
            @Override
            public void render(String tenant, String template, Map<String, ?> context, Writer out) {
            }

            @Override
            public void renderJson(String tenant, String template, InputStream json, Writer out) {
            }

            @Override
            public String contentType(String template) {
                return "text/html";
            }

            @Override
            public List<String> tenants() {
                return names.keySet().stream().sorted().toList();
            }

            @Override
            public List<TemplateInfo> templates(String tenant) {
                return names.get(tenant).stream().map(n -> new TemplateInfo(tenant, n, tenant, 0, 0, "none", null, null)).toList();
            }

            @Override
            public List<CacheTier> cacheTiers() {
                return List.of();
            }

            @Override
            public String mode() {
                return "optimized";
            }

            @Override
            public long evictCache(String tier) {
                return 0;
            }
        };
    }
}
