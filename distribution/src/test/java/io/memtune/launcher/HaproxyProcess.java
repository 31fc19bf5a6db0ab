package io.memtune.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * HAProxy in front of the fleet, as an operator would set it up: round robin over the instances, each checked on
 * {@code /health/ready} every 250 ms and taken out after two failures in a row (a check may take up to 2 s on a
 * busy machine before it counts as one), back after two successes with its weight ramped up over two seconds; no
 * retries of its own (a failed request reaches the client), and the serving instance's name in a response header.
 * Its statistics page tells each server's state.
 */
final class HaproxyProcess implements AutoCloseable {

    private final Process process;
    private final URI stats;
    private final HttpClient http = HttpClient.newHttpClient();

    /** @param servers name to port of each instance on 127.0.0.1 */
    HaproxyProcess(Path work, int frontendPort, int statsPort, Map<String, Integer> servers) throws IOException {
        StringBuilder config = new StringBuilder(String.join("\n",
                "global",
                "    maxconn 512",
                "    nbthread 1",
                "defaults",
                "    mode http",
                "    timeout connect 2s",
                "    timeout client 30s",
                "    timeout server 30s",
                "    timeout check 2s",
                "    retries 0",
                "frontend fleet",
                "    bind 127.0.0.1:" + frontendPort,
                "    default_backend memtune",
                "backend memtune",
                "    balance roundrobin",
                "    option httpchk",
                "    http-check send meth GET uri /health/ready",
                "    http-check expect status 200",
                "    http-response set-header " + FleetLoad.SERVED_BY + " %s",
                "    default-server check inter 250ms fastinter 250ms downinter 250ms fall 2 rise 2 slowstart 2s",
                ""));
        servers.forEach((name, port) -> config.append("    server ").append(name).append(" 127.0.0.1:").append(port).append('\n'));
        config.append(String.join("\n",
                "listen stats",
                "    bind 127.0.0.1:" + statsPort,
                "    stats enable",
                "    stats uri /stats",
                ""));
        Path file = work.resolve("haproxy.cfg");
        Files.writeString(file, config);
        process = new ProcessBuilder(ExternalPrograms.HAPROXY.toString(), "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("haproxy.out").toFile()).start();
        stats = URI.create("http://127.0.0.1:" + statsPort + "/stats;csv");
    }

    /** Each server's state as HAProxy sees it (UP, DOWN, "UP 1/2" while rising...); empty while HAProxy is not up. */
    Map<String, String> serverStates() {
        Map<String, String> states = new TreeMap<>();
        try {
            String csv = http.send(HttpRequest.newBuilder(stats).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String[] lines = csv.split("\n");
            List<String> header = Arrays.asList(lines[0].replaceFirst("^# ", "").split(","));
            int proxy = header.indexOf("pxname");
            int server = header.indexOf("svname");
            int status = header.indexOf("status");
            for (int i = 1; i < lines.length; i++) {
                String[] row = lines[i].split(",", -1);
                if (row.length > status && "memtune".equals(row[proxy]) && !row[server].equals("BACKEND")) {
                    states.put(row[server], row[status]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return states;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
