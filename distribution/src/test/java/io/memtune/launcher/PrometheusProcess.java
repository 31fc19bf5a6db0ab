package io.memtune.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Prometheus scraping the fleet every second as job {@code memtune}, with the shipped rules loaded, asked through its
 * HTTP API.
 */
final class PrometheusProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    PrometheusProcess(Path work, int port, List<String> targets, Path rules) throws IOException {
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - " + JSON.writeValueAsString(rules.toString()),
                "scrape_configs:",
                "  - job_name: memtune",
                "    metrics_path: /metrics",
                "    static_configs:",
                "      - targets: [" + targets.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(", ")) + "]",
                ""));
        // a fresh database: series of an earlier run (other ports) would still be found for five minutes
        Path data = work.resolve("prometheus-data");
        Installation.deleteRecursively(data);
        process = new ProcessBuilder(ExternalPrograms.PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(data),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.out").toFile()).start();
        base = URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The {@code data} of an API answer, or null while Prometheus does not answer. */
    JsonNode api(String pathAndQuery) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()).get("data") : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    JsonNode query(String promql) {
        return api("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
