package io.memtune.launcher;

import static io.memtune.launcher.Installation.await;
import static io.memtune.launcher.Installation.buildJdk;
import static io.memtune.launcher.Installation.freePort;
import static io.memtune.launcher.Installation.textSince;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fleet of docs/operations.md on this machine, with real parts: three containers on 127.0.0.1 (each its own
 * installation, port, data and environment file) behind HAProxy, which checks {@code /health/ready}; Prometheus
 * scraping the three with the shipped rules. Under a steady load through HAProxy: (a) a rolling restart, one
 * container at a time, each drained by SIGTERM and back in the balancer before the next; (b) a change of the
 * environment file rolled out to all three, seen in force on each. Not one request may fail. Skipped where HAProxy
 * or Prometheus is not installed (.ci/run installs both).
 */
class FleetIT {

    private static final int SIZE = 3;
    private static final long GRACE_MS = 3000;
    private static final String CDN = "https://cdn.example.com";
    private static final String PAGE = "{\"name\": \"Ada\"}";
    private static final Duration START = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One container of the fleet: its own installation (so its own data/), port and configuration directory. */
    private final class Member {
        final String name;
        final Installation installation;
        final int port = freePort();
        final Path config;
        Process process;

        Member(String name, Path work) throws IOException {
            this.name = name;
            this.installation = Installation.privateCopy(work.resolve(name));
            this.config = work.resolve(name + "-config");
            writeEnvironment("");
        }

        void writeEnvironment(String cdn) throws IOException {
            Files.createDirectories(config.resolve("environments"));
            Path temp = config.resolve("environments/.fleet.json.tmp");
            Files.writeString(temp, "{\n"
                    + "  \"io.memtune.config\": {\"poll.interval.ms\": 250},\n"
                    + "  \"org.apache.felix.http\": {\"org.osgi.service.http.port\": " + port + "},\n"
                    + "  \"io.memtune.concurrency.executor~render\": {\"executor.name\": \"render\"},\n"
                    + "  \"io.memtune.health.drain\": {\"grace.ms\": " + GRACE_MS + ", \"deadline.ms\": 10000},\n"
                    + "  \"io.memtune.template.static\": {\"cdn.base.url\": \"" + cdn + "\"},\n"
                    // no warm-up: it does not hold readiness back (yet), and three instances on two cores warming
                    // themselves would starve each other's requests and health checks; this test is about the drain
                    + "  \"io.memtune.http.warmup\": {\"warmup.seconds\": 0}\n}\n");
            Files.move(temp, config.resolve("environments/fleet.json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }

        void start() throws IOException {
            process = installation.process(buildJdk(), "--no-shell", "--config", config.toString(), "--env", "fleet")
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(installation.home().getParent().resolve("service.out")
                            .toFile())).start();
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        boolean ready() {
            return Installation.statusOfGet(http, uri("/health/ready"), Duration.ofSeconds(5)) == 200;
        }

        /** A page rendered by this member itself, not through the balancer. */
        String page() {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(uri("/render/acme/welcome.html"))
                        .timeout(Duration.ofSeconds(10)).POST(java.net.http.HttpRequest.BodyPublishers.ofString(PAGE)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
    }

    @Test
    void aRollingRestartAndAConfigurationRolloutBehindHaproxyFailNotOneRequest() throws Exception {
        ExternalPrograms.assume(ExternalPrograms.HAPROXY, ExternalPrograms.PROMETHEUS);
        long testStart = System.nanoTime();
        Path work = Path.of("target/it-homes/FleetIT").toAbsolutePath();
        List<Member> members = new ArrayList<>();
        for (int i = 1; i <= SIZE; i++) {
            members.add(new Member("m" + i, work));
        }
        Map<String, Integer> servers = new LinkedHashMap<>();
        members.forEach(m -> servers.put(m.name, m.port));
        int frontend = freePort();
        try {
            for (Member m : members) {
                m.start();
            }
            try (HaproxyProcess haproxy = new HaproxyProcess(work, frontend, freePort(), servers);
                    PrometheusProcess prometheus = new PrometheusProcess(work, freePort(),
                            members.stream().map(m -> "127.0.0.1:" + m.port).toList(),
                            DeployFilesIT.DEPLOY.resolve("prometheus/memtune-rules.yml"))) {
                for (Member m : members) {
                    await(m.name + " ready", START, m::ready);
                }
                await("HAProxy sends to all three", Duration.ofSeconds(30), () -> allUp(haproxy, members));
                long startedMillis = (System.nanoTime() - testStart) / 1_000_000;

                try (FleetLoad load = new FleetLoad(URI.create("http://127.0.0.1:" + frontend + "/render/acme/welcome.html"),
                        PAGE, 3, Duration.ofMillis(30), Duration.ofMinutes(4))) {
                    await("the load answered", () -> load.ok() > 100);
                    assertPrometheusSeesTheFleet(prometheus, members);

                    // (a) a rolling restart, one container at a time
                    List<String> restarts = new ArrayList<>();
                    for (Member m : members) {
                        long logStart = m.installation.logSize();
                        long signal = System.nanoTime();
                        m.process.destroy(); // SIGTERM
                        await("HAProxy takes " + m.name + " out during its grace", Duration.ofMillis(GRACE_MS),
                                () -> !haproxy.serverStates().getOrDefault(m.name, "?").startsWith("UP"));
                        long outMillis = (System.nanoTime() - signal) / 1_000_000;
                        assertTrue(m.process.waitFor(60, TimeUnit.SECONDS), m.name + " stops");
                        long stoppedMillis = (System.nanoTime() - signal) / 1_000_000;
                        String log = textSince(m.installation.log(), logStart);
                        assertEquals(0, m.process.exitValue(), m.name + ": " + log);
                        assertTrue(log.contains("draining: every request finished"), m.name + " drained: " + log);
                        m.start();
                        await(m.name + " ready again", START, m::ready);
                        await("HAProxy sends to " + m.name + " again", Duration.ofSeconds(30), () -> allUp(haproxy, members));
                        long backMillis = (System.nanoTime() - signal) / 1_000_000;
                        restarts.add(String.format(java.util.Locale.ROOT, "%s: out of HAProxy after %d ms, stopped after %d ms,"
                                + " back after %d ms", m.name, outMillis, stoppedMillis, backMillis));
                        assertEquals(0, load.failed(), "failed requests in the restart of " + m.name + ": " + load.failures());
                    }

                    // (b) a change of the environment file rolled out to all three, one after the other
                    long rollout = System.nanoTime();
                    for (Member m : members) {
                        assertTrue(!m.page().contains(CDN), "before the change");
                        m.writeEnvironment(CDN);
                        await(m.name + " serving the CDN's asset URLs", () -> m.page().contains("href=\"" + CDN + "/static/css/site."));
                    }
                    long rolloutMillis = (System.nanoTime() - rollout) / 1_000_000;
                    for (Member m : members) {
                        assertTrue(m.page().contains("href=\"" + CDN + "/static/css/site."), m.name + " has the change in force");
                    }
                    assertTrue(allUp(haproxy, members), "no instance left the balancer for a configuration change: "
                            + haproxy.serverStates());
                    long servedBefore = load.ok();
                    await("more requests served after the roll-out", () -> load.ok() > servedBefore + 100);

                    assertPrometheusSeesTheFleet(prometheus, members);
                    load.close();
                    JsonNode drainsSeen = prometheus.query("max_over_time(memtune_health_draining[10m]) == 1");
                    System.out.printf(java.util.Locale.ROOT, "FleetIT: fleet up in %d ms; %d requests through HAProxy, %d failed;"
                            + " by instance %s%n  %s%n  roll-out of the environment change: %d ms; drains seen by Prometheus: %s%n",
                            startedMillis, load.ok(), load.failed(), load.servedBy(), String.join("\n  ", restarts),
                            rolloutMillis, drainsSeen);
                    // scraped every second, a drain of 3 s shows in memtune_health_draining (a missed scrape or two may hide one)
                    assertTrue(drainsSeen != null && drainsSeen.get("result").size() >= 1, "drains in Prometheus: " + drainsSeen);
                    assertEquals(0, load.failed(), "failed requests: " + load.failures());
                    assertTrue(load.ok() > 1000, "a load worth the name: " + load.ok());
                    for (Member m : members) {
                        assertTrue(load.servedBy().getOrDefault(m.name, 0L) > 50, m.name + " served its share: " + load.servedBy());
                    }
                }
                assertTrue(haproxy.isAlive(), "HAProxy ran throughout");
            }
        } finally {
            for (Member m : members) {
                if (m.process != null) {
                    Installation.stop(m.process);
                }
            }
        }
        System.out.printf("FleetIT: %d s in all%n", (System.nanoTime() - testStart) / 1_000_000_000);
    }

    private static boolean allUp(HaproxyProcess haproxy, List<Member> members) {
        Map<String, String> states = haproxy.serverStates();
        return members.stream().allMatch(m -> "UP".equals(states.get(m.name)));
    }

    /** Three targets up, and memtune's series from each of them, and the shipped rules evaluated without error. */
    private static void assertPrometheusSeesTheFleet(PrometheusProcess prometheus, List<Member> members)
            throws InterruptedException {
        Set<String> targets = new TreeSet<>(members.stream().map(m -> "127.0.0.1:" + m.port).toList());
        await("Prometheus scraping three targets, all up", Duration.ofSeconds(30), () -> {
            JsonNode data = prometheus.api("api/v1/targets?state=active");
            if (data == null) {
                return false;
            }
            Set<String> up = new TreeSet<>();
            data.get("activeTargets").forEach(t -> {
                if ("up".equals(t.get("health").asText()) && "memtune".equals(t.at("/labels/job").asText())) {
                    up.add(t.at("/labels/instance").asText());
                }
            });
            return up.equals(targets);
        });
        await("memtune's series of each instance in Prometheus", Duration.ofSeconds(30), () -> {
            JsonNode result = prometheus.query("memtune_jvm_memory_heap_used"); // there from the start (not after a GC)
            Set<String> instances = new TreeSet<>();
            if (result != null) {
                result.get("result").forEach(r -> instances.add(r.at("/metric/instance").asText()));
            }
            return instances.equals(targets);
        });
        await("the shipped rules evaluated without error", Duration.ofSeconds(30), () -> {
            JsonNode data = prometheus.api("api/v1/rules");
            if (data == null || data.get("groups").isEmpty()) {
                return false;
            }
            List<String> unhealthy = new ArrayList<>();
            data.get("groups").forEach(g -> g.get("rules").forEach(r -> {
                if (!"ok".equals(r.get("health").asText())) {
                    unhealthy.add(r.get("name").asText() + " " + r.get("health").asText() + " " + r.path("lastError").asText());
                }
            }));
            return unhealthy.isEmpty();
        });
        JsonNode renders = prometheus.query("sum(memtune:renders:rate1m)");
        assertTrue(renders != null && renders.get("result").size() == 1, "the recording rule of the fleet's render rate: " + renders);
    }
}
