package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

class ClosedLoopLoadTest {

    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();
    /** The client's end of every connection a request came on: one per connection. */
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void server() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            served.incrementAndGet();
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            int status = exchange.getRequestURI().getPath().startsWith("/render/busy") ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Test
    void countsEveryRecordedAnswerByStatusAcrossTheTargets() throws Exception {
        ClosedLoopLoad load = new ClosedLoopLoad(base(), List.of(new ClosedLoopLoad.Target("render/ok/a", "{}"),
                new ClosedLoopLoad.Target("render/busy/b", "{}")), Duration.ofSeconds(5));
        LoadResult r = load.run(2, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ZERO);
        assertTrue(r.requests() > 10, r.toText());
        assertEquals(r.requests(), r.byStatus().values().stream().mapToLong(Long::longValue).sum());
        assertTrue(r.byStatus().get(200) > 0 && r.byStatus().get(503) > 0, r.toText());
        assertTrue(r.successRatio() > 0.2 && r.successRatio() < 0.8, r.toText());
        assertTrue(served.get() >= r.requests(), "the warm-up is sent but not recorded");
        assertTrue(r.p50Millis() <= r.p99Millis() && r.p99Millis() <= r.maxMillis(), r.toText());
    }

    @Test
    void eachUserKeepsItsConnectionFromOneRequestToTheNext() throws Exception {
        List<ClosedLoopLoad.Target> targets = List.of(new ClosedLoopLoad.Target("render/ok/a", "{\"n\": 1}"));
        LoadResult closed = new ClosedLoopLoad(base(), targets, Duration.ofSeconds(5))
                .run(2, Duration.ZERO, Duration.ofMillis(400), Duration.ZERO);
        assertTrue(closed.requests() > 50, closed.toText());
        // a connection a request would cost the server an accept and the client a handshake each: not what users do
        assertTrue(clientPorts.size() <= 2, clientPorts.size() + " connections for " + served.get() + " requests of 2 users");
        clientPorts.clear();
        served.set(0);
        try (OpenLoopLoad load = new OpenLoopLoad(base(), targets, Duration.ofSeconds(5), 4)) {
            LoadResult open = load.run(200, Duration.ofMillis(400));
            // a cold JVM and server may leave a few of the 80 unsent (all 4 busy): the connections are the point here
            assertTrue(open.byStatus().get(200) >= 40, open.toText());
            assertTrue(clientPorts.size() <= 4, clientPorts.size() + " connections for " + served.get() + " requests, 4 at most in flight");
            Set<Integer> warmUp = Set.copyOf(clientPorts);
            clientPorts.clear();
            LoadResult next = load.run(200, Duration.ofMillis(400));
            assertTrue(next.byStatus().get(200) >= 40, next.toText());
            // a measured run after its warm-up starts on the warm-up's connections, not with a storm of new ones: it
            // reuses them, and opens one only when more are in flight than the warm-up needed (on a busy machine the
            // warm-up may have got by with one), never past the 4
            Set<Integer> both = new java.util.HashSet<>(warmUp);
            both.addAll(clientPorts);
            assertTrue(clientPorts.stream().anyMatch(warmUp::contains), "the next run's connections " + clientPorts
                    + " reuse the first's " + warmUp);
            assertTrue(both.size() <= 4, "the next run's connections " + clientPorts + " and the first's " + warmUp
                    + ": 4 at most in all");
        }
    }

    @Test
    void anOpenLoopSendsAtItsRateAndCountsAStallFromWhenEachRequestWasDue() throws Exception {
        server.stop(0);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(100); // 10 answers a second at most: one thread, one at a time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newSingleThreadExecutor());
        server.start();
        LoadResult r;
        try (OpenLoopLoad load = new OpenLoopLoad(base(), List.of(new ClosedLoopLoad.Target("render/a", "{}")), Duration.ofSeconds(10))) {
            r = load.run(20, Duration.ofMillis(1000));
        }
        assertEquals(20, r.requests(), r.toText());
        // a failure names the other answers (seen once in a clean-clone run: 19 of the 20 answered 200)
        assertEquals(20L, r.byStatus().get(200), r.toText());
        // 20 arrivals in a second at a server that answers 10: the last ones wait about a second for their turn
        assertTrue(r.maxMillis() > 700, "queueing shows in the tail: " + r.toText());
    }

    @Test
    void anOpenLoopWithEveryConnectionBusyDropsRequestsAndKeepsToItsSchedule() throws Exception {
        server.stop(0);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        long origin = System.nanoTime();
        LatencySeries series = new LatencySeries(origin);
        List<OpenLoopLoad.Outcome> outcomes;
        try (OpenLoopLoad load = new OpenLoopLoad(base(), List.of(new ClosedLoopLoad.Target("render/a", "{}")),
                Duration.ofSeconds(10), 2)) {
            outcomes = load.run(List.of(new OpenLoopLoad.Phase(20, Duration.ofMillis(1000)),
                    new OpenLoopLoad.Phase(20, Duration.ofMillis(500))), series);
        }
        // two connections, answers after 300 ms (the first ones later: a new client connects): at most 7 of 20 sent
        LoadResult first = outcomes.get(0).result();
        assertEquals(20, first.byStatus().values().stream().mapToLong(Long::longValue).sum(), first.toText());
        assertTrue(first.byStatus().getOrDefault(OpenLoopLoad.NOT_SENT, 0L) >= 13, first.toText());
        assertEquals(10, outcomes.get(1).result().byStatus().values().stream().mapToLong(Long::longValue).sum());
        // the second phase began on time, not after the first phase's backlog: 1.5 s of schedule in about 1.5 s
        assertTrue((System.nanoTime() - origin) / 1e9 < 2.5, "took " + (System.nanoTime() - origin) / 1e9 + " s");
        assertEquals(20, series.seconds().get(0).answers(), "not-sent requests count in their second too");
    }

    @Test
    void anUnreachableServerIsCountedAsNoAnswer() throws Exception {
        server.stop(0);
        LoadResult r = new ClosedLoopLoad(base(), List.of(new ClosedLoopLoad.Target("render/ok/a", "{}")),
                Duration.ofSeconds(1)).run(1, Duration.ZERO, Duration.ofMillis(200), Duration.ZERO);
        assertEquals(0, r.byStatus().getOrDefault(200, 0L));
        assertTrue(r.byStatus().getOrDefault(-1, 0L) > 0, r.toText());
    }

    @Test
    void theCorpusBecomesOneTargetPerPageAndBadOptionsAreNamed(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("templates/t1/partials"));
        Files.createDirectories(dir.resolve("templates/t2"));
        Files.createDirectories(dir.resolve("templates/_shared"));
        Files.writeString(dir.resolve("templates/t1/page1.html.mustache"), "x");
        Files.writeString(dir.resolve("templates/t1/page0.html.mustache"), "x");
        Files.writeString(dir.resolve("templates/t1/partials/header.mustache"), "x");
        Files.writeString(dir.resolve("templates/t2/page0.html.mustache"), "x");
        // the corpus's shared partials: templates, not pages (rendered as a page, they answer 404)
        Files.writeString(dir.resolve("templates/_shared/footer.mustache"), "x");
        Files.writeString(dir.resolve("context.json"), "{}");
        Files.writeString(dir.resolve("other.json"), "{\"a\": 1}");
        LoadGenerator.Settings s = LoadGenerator.parse(new String[] {"--corpus", dir.toString(), "--context",
            dir.resolve("other.json").toString(), "--users", "3", "--duration", "2s"});
        assertEquals(List.of(new ClosedLoopLoad.Target("render/t1/page0.html", "{\"a\": 1}"),
                new ClosedLoopLoad.Target("render/t1/page1.html", "{\"a\": 1}"),
                new ClosedLoopLoad.Target("render/t2/page0.html", "{\"a\": 1}")), s.targets(), "the --context file is the body");
        assertEquals(Bench.targets(dir).stream().map(ClosedLoopLoad.Target::path).toList(),
                s.targets().stream().map(ClosedLoopLoad.Target::path).toList(), "the pages of the harness's own runs");
        assertEquals(Duration.ofSeconds(2), s.duration());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadGenerator.parse(new String[] {
            "--path", "/render/a/b", "--context", "x", "--users", "2", "--think", "soon"}));
        assertEquals("--think takes a duration like 500ms, 30s or 2m, not 'soon'", e.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> LoadGenerator.parse(new String[] {
            "--path", "/render/a/b", "--context", dir.resolve("context.json").toString(), "--users", "2", "--rate", "100"}));
        assertEquals("give --users (closed loop, at least 1) or --rate (open loop, per second)", both.getMessage());
        assertEquals(250.0, LoadGenerator.parse(new String[] {"--path", "/render/a/b", "--context",
            dir.resolve("context.json").toString(), "--rate", "250"}).rate());
    }
}
