package io.memtune.launcher;

import static io.memtune.launcher.Installation.await;
import static io.memtune.launcher.Installation.buildJdk;
import static io.memtune.launcher.Installation.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * What is shipped for fleets ({@code deploy/}), held against a real container started as the manifests describe
 * it: the ConfigMap's environment file, the Deployment's arguments and environment, the image's entry point and
 * {@code jvm.options}, with the container's memory limit emulated ({@code -XX:MaxRAM}). The image itself is not
 * built: no container engine here, and no registry to pull its base from.
 */
class DeployFilesIT {

    static final Path DEPLOY = Path.of(System.getProperty("memtune.deploy", "../deploy")).toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static JsonNode deployment;
    private static JsonNode pod;
    private static JsonNode container;
    private static JsonNode configMap;
    private static Dockerfile dockerfile;
    private static Installation installation;
    private static Process process;
    private static URI base;

    /** The instructions of the Dockerfile that matter here. */
    record Dockerfile(String from, List<List<String>> copies, String expose, String user, List<String> entrypoint,
            List<String> cmd) {

        static Dockerfile parse(Path file) throws IOException {
            String text = Files.readString(file).replaceAll("\\\\\\n", " ");
            String from = null;
            String expose = null;
            String user = null;
            List<List<String>> copies = new ArrayList<>();
            List<String> entrypoint = List.of();
            List<String> cmd = List.of();
            for (String line : text.split("\n")) {
                String l = line.trim();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] words = l.split("\\s+", 2);
                String rest = words.length > 1 ? words[1] : "";
                switch (words[0]) {
                    case "FROM" -> from = rest;
                    case "EXPOSE" -> expose = rest;
                    case "USER" -> user = rest;
                    case "COPY" -> copies.add(List.of(rest.replaceAll("--\\S+\\s+", "").split("\\s+")));
                    case "ENTRYPOINT" -> entrypoint = List.of(JSON.readValue(rest, String[].class));
                    case "CMD" -> cmd = List.of(JSON.readValue(rest, String[].class));
                    default -> {
                    }
                }
            }
            return new Dockerfile(from, copies, expose, user, entrypoint, cmd);
        }
    }

    @BeforeAll
    static void startAContainerAsTheManifestsDescribeIt() throws Exception {
        deployment = YAML.readTree(DEPLOY.resolve("kubernetes/deployment.yaml").toFile());
        configMap = YAML.readTree(DEPLOY.resolve("kubernetes/configmap.yaml").toFile());
        dockerfile = Dockerfile.parse(DEPLOY.resolve("docker/Dockerfile"));
        pod = deployment.at("/spec/template/spec");
        container = pod.at("/containers/0");

        installation = Installation.privateCopy(Path.of("target/it-homes/DeployFilesIT"));
        Path work = installation.home().getParent();
        // as the image: its jvm.options in place of the distribution's
        Files.copy(DEPLOY.resolve("docker/jvm.options"), installation.home().resolve("jvm.options"),
                StandardCopyOption.REPLACE_EXISTING);
        // as the ConfigMap mounted on config/environments
        Path environments = Files.createDirectories(work.resolve("config/environments"));
        configMap.at("/data").fields().forEachRemaining(e -> write(environments.resolve(e.getKey()), e.getValue().asText()));

        int port = freePort();
        base = URI.create("http://127.0.0.1:" + port + "/");
        List<String> args = new ArrayList<>(dockerfile.entrypoint().subList(1, dockerfile.entrypoint().size()));
        container.at("/args").forEach(a -> args.add(a.asText()));
        args.addAll(List.of("--config", work.resolve("config").toString()));
        ProcessBuilder start = installation.process(buildJdk(), args.toArray(new String[0]))
                .redirectOutput(work.resolve("service.out").toFile());
        // the Deployment's plain environment, but on loopback and a free port here
        container.at("/env").forEach(v -> {
            if (v.has("value")) {
                start.environment().put(v.get("name").asText(), v.get("value").asText());
            }
        });
        start.environment().put("MEMTUNE_HTTP_HOST", "127.0.0.1");
        start.environment().put("MEMTUNE_HTTP_PORT", String.valueOf(port));
        start.environment().put("MEMTUNE_ALERTMANAGER_URL", "http://127.0.0.1:" + freePort());
        // the pod's memory limit, as the JVM sees it in a container
        start.environment().put("MEMTUNE_OPTS", "-XX:MaxRAM=" + memoryLimitBytes());
        process = start.start();
        await("the startup probe answering 200", Duration.ofSeconds(90),
                () -> status(container.at("/startupProbe/httpGet/path").asText()) == 200);
        // as the kubelet, which keeps probing readiness (no failure threshold ends that): the warm-up holds it back
        // for up to warmup.seconds after start
        await("the readiness probe answering 200", Duration.ofSeconds(120),
                () -> status(container.at("/readinessProbe/httpGet/path").asText()) == 200);
    }

    @Test
    void theLogIsTheContainersStandardOutput() throws Exception {
        Path out = installation.home().getParent().resolve("service.out");
        // the shell logs it once it saw readiness, a moment after the probe did
        await("the ready line on standard output", Duration.ofSeconds(30),
                () -> Installation.textSince(out, 0).contains("memtune ready in"));
        String output = Files.readString(out);
        assertTrue(output.contains("memtune ready in"), "kubectl logs shows the log: " + output);
        assertFalse(Files.exists(installation.log()), "no log file besides");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (process != null) {
            assertTrue(Installation.stop(process), "stops on SIGTERM");
        }
    }

    @Test
    void everyProbeOfTheDeploymentAnswersOnTheContainersPortAndTheEnvironmentIsValid() throws Exception {
        int containerPort = -1;
        for (JsonNode p : container.at("/ports")) {
            if ("http".equals(p.at("/name").asText())) {
                containerPort = p.at("/containerPort").asInt();
            }
        }
        assertEquals(Integer.parseInt(dockerfile.expose()), containerPort, "the image exposes the container's port");
        String environment = configMap.at("/data/kubernetes.json").asText();
        assertTrue(environment.contains("\"org.osgi.service.http.port\": \"$[env:MEMTUNE_HTTP_PORT;default=" + containerPort
                + "]\""), "the environment's port is the container's: " + environment);
        assertTrue(environment.contains("\"org.apache.felix.http.host\": \"$[env:MEMTUNE_HTTP_HOST;"), environment);
        assertEquals("0.0.0.0", envValue("MEMTUNE_HTTP_HOST"), "the kubelet probes the pod's address, not loopback");
        assertEquals(List.of("--env", "kubernetes"), textList(container.at("/args")));
        assertTrue(configMap.at("/data").has("kubernetes.json"), "--env kubernetes reads kubernetes.json");

        Map<String, String> probes = new LinkedHashMap<>();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertEquals("http", container.at("/" + probe + "/httpGet/port").asText(), probe + " on the HTTP port");
            probes.put(probe, container.at("/" + probe + "/httpGet/path").asText());
        }
        assertEquals(Map.of("startupProbe", "/health/live", "livenessProbe", "/health/live", "readinessProbe", "/health/ready"),
                probes);
        for (String path : probes.values()) {
            HttpResponse<String> answer = get(path);
            assertEquals(200, answer.statusCode(), path + ": " + answer.body());
            assertTrue(answer.body().contains("\"status\":\"OK\""), path + ": " + answer.body());
        }
        assertEquals(404, status("/health/nonsense"), "a wrong probe path would not pass unnoticed");

        JsonNode mount = container.at("/volumeMounts/0");
        assertEquals("/opt/memtune/config/environments", mount.at("/mountPath").asText());
        assertTrue(dockerfile.copies().stream().anyMatch(c -> c.get(c.size() - 1).equals("/opt/memtune")),
                "the installation is /opt/memtune: " + dockerfile.copies());
        String volume = mount.at("/name").asText();
        JsonNode configMapVolume = null;
        for (JsonNode v : pod.at("/volumes")) {
            if (volume.equals(v.at("/name").asText())) {
                configMapVolume = v;
            }
        }
        assertTrue(configMapVolume != null, "volume " + volume);
        assertEquals(configMap.at("/metadata/name").asText(), configMapVolume.at("/configMap/name").asText());

        JsonNode service = YAML.readTree(DEPLOY.resolve("kubernetes/service.yaml").toFile());
        assertEquals("http", service.at("/spec/ports/0/targetPort").asText());
        assertEquals(deployment.at("/spec/template/metadata/labels"), service.at("/spec/selector"));

        Path file = installation.home().getParent().resolve("config/environments/kubernetes.json");
        Installation.Result validation = installation.client(buildJdk(), "memtune:config-validate " + file);
        assertEquals(0, validation.exit(), validation.output());
        assertTrue(validation.output().contains("valid (0 error(s), 0 warning(s))"), validation.output());
        for (String shipped : List.of("dev", "test", "prod")) {
            Installation.Result r = installation.client(buildJdk(), "memtune:config-validate "
                    + installation.home().resolve("config/environments/" + shipped + ".json"));
            assertTrue(r.output().contains("valid (0 error(s), 0 warning(s))"), shipped + ".json: " + r.output());
        }
    }

    @Test
    void terminationGracePeriodCoversTheDrainOfTheConfigMapsEnvironment() {
        String drain = installation.client(buildJdk(), "memtune:config io.memtune.health.drain").output();
        long grace = effective(drain, "grace.ms");
        long deadline = effective(drain, "deadline.ms");
        long terminationGraceMillis = pod.at("/terminationGracePeriodSeconds").asLong() * 1000;
        // the stop after the drain: a couple of seconds (DrainIT); ten allowed
        assertTrue(terminationGraceMillis >= grace + deadline + 10_000, "terminationGracePeriodSeconds "
                + terminationGraceMillis / 1000 + " s must exceed the drain's grace " + grace + " ms + deadline " + deadline
                + " ms + the stop");
        assertTrue(grace >= 2 * 1000 * container.at("/readinessProbe/periodSeconds").asLong(), "the grace gives the"
                + " readiness probe two periods to see the 503: " + grace + " ms");
        assertTrue(container.at("/lifecycle/preStop").isMissingNode(), "no preStop: memtune drains on SIGTERM itself, with"
                + " readiness failing at once (a preStop sleep would keep it at 200 and add to the drain)");
    }

    @Test
    void theMemoryLimitGivesTheImagesHeapShareRoomForTheRest() throws Exception {
        List<String> image = flags(DEPLOY.resolve("docker/jvm.options"));
        List<String> distribution = flags(Installation.built().home().resolve("jvm.options"));
        assertTrue(image.stream().noneMatch(f -> f.startsWith("-Xmx") || f.startsWith("-Xms")
                || f.startsWith("-XX:MaxHeapSize") || f.startsWith("-XX:InitialHeapSize")),
                "a fixed heap would override the share of the limit: " + image);
        assertEquals(without(distribution, "-Xms", "-Xmx"), without(image, "-XX:InitialRAMPercentage", "-XX:MaxRAMPercentage"),
                "the image's jvm.options differ from the distribution's only in the heap");
        double percentage = Double.parseDouble(image.stream().filter(f -> f.startsWith("-XX:MaxRAMPercentage="))
                .findFirst().orElseThrow().substring("-XX:MaxRAMPercentage=".length()));
        JsonNode resources = container.at("/resources");
        assertEquals(resources.at("/requests/memory").asText(), resources.at("/limits/memory").asText(),
                "memory requested = limit: the heap is sized from the limit, which must be there");

        long limit = memoryLimitBytes();
        Map<String, Double> metrics = metricValues(Installation.statusOfPost(HTTP, base.resolve("render/acme/welcome.html"),
                "{\"name\": \"Ada\"}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30)));
        double heapMax = metrics.get("memtune_jvm_memory_heap_max");
        assertEquals(limit * percentage / 100, heapMax, limit * 0.01, "the running JVM's heap is the share of the limit");
        long distributionHeap = parseBytes(distribution.stream().filter(f -> f.startsWith("-Xmx")).findFirst().orElseThrow()
                .substring(4));
        assertTrue(heapMax >= distributionHeap, "no smaller a heap than the distribution's " + distributionHeap + ": " + heapMax);
        double rest = metrics.get("memtune_jvm_memory_non_heap_committed") + metrics.get("memtune_jvm_buffers_direct_used")
                + metrics.get("memtune_jvm_threads_count") * 1024 * 1024; // a thread stack each
        System.out.printf("DeployFilesIT: limit %d MiB, heap %.0f MiB, non-heap + direct + stacks now %.0f MiB%n",
                limit >> 20, heapMax / 1048576, rest / 1048576);
        assertTrue(limit - heapMax >= 1.5 * rest, "the limit leaves room for non-heap memory, direct buffers and stacks"
                + " with half again as much to grow: " + (limit - heapMax) / 1048576 + " MiB for " + rest / 1048576 + " MiB");
    }

    @Test
    void everyGrafanaQueryNamesSeriesThatMetricsExposes() throws Exception {
        renderPagesAndABatch();
        Set<String> exposed = MetricsExposition.seriesNames(get("/metrics").body());
        JsonNode dashboard = JSON.readTree(DEPLOY.resolve("grafana/memtune-fleet.json").toFile());
        List<String> queries = new ArrayList<>();
        dashboard.at("/panels").forEach(p -> p.at("/targets").forEach(t -> queries.add(t.at("/expr").asText())));
        assertTrue(queries.size() >= 10, "the dashboard's queries: " + queries);
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        for (String query : queries) {
            Set<String> names = PromQl.metricNames(query);
            assertFalse(names.isEmpty(), "a query naming no series: " + query);
            names.removeAll(exposed);
            if (!names.isEmpty()) {
                missing.put(query, names);
            }
        }
        for (JsonNode variable : dashboard.at("/templating/list")) {
            Matcher m = Pattern.compile("label_values\\((\\w+),\\s*\\w+\\)").matcher(variable.at("/definition").asText());
            assertTrue(m.matches(), "a variable from label_values(series, label): " + variable);
            if (!exposed.contains(m.group(1))) {
                missing.put(variable.at("/definition").asText(), Set.of(m.group(1)));
            }
        }
        assertEquals(Map.of(), missing, "series the dashboard asks for that /metrics does not expose");

        ExternalPrograms.assume(ExternalPrograms.PROMTOOL);
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            String expr = queries.get(i).replace("$__rate_interval", "1m").replace("$instance", ".*");
            rules.append("      - record: dashboard_query_").append(i).append("\n        expr: ")
                    .append(JSON.writeValueAsString(expr)).append('\n');
        }
        Path file = installation.home().getParent().resolve("dashboard-queries.yml");
        Files.writeString(file, rules);
        String checked = promtool(file);
        assertTrue(checked.contains("SUCCESS: " + queries.size() + " rules found"), "the dashboard's PromQL: " + checked);
    }

    @Test
    void theRulesPassPromtoolAndNameSeriesThatMetricsExposes() throws Exception {
        ExternalPrograms.assume(ExternalPrograms.PROMTOOL);
        Path rulesFile = DEPLOY.resolve("prometheus/memtune-rules.yml");
        String checked = promtool(rulesFile);
        assertTrue(checked.contains("SUCCESS"), checked);

        renderPagesAndABatch();
        Set<String> exposed = MetricsExposition.seriesNames(get("/metrics").body());
        JsonNode rules = YAML.readTree(rulesFile.toFile());
        Set<String> recorded = new TreeSet<>();
        List<String> expressions = new ArrayList<>();
        rules.at("/groups").forEach(g -> g.at("/rules").forEach(r -> {
            if (r.has("record")) {
                recorded.add(r.get("record").asText());
            }
            expressions.add(r.get("expr").asText());
        }));
        Set<String> missing = new TreeSet<>();
        for (String expr : expressions) {
            Set<String> names = PromQl.metricNames(expr);
            assertFalse(names.isEmpty(), expr);
            names.removeAll(exposed);
            names.removeAll(recorded);
            names.remove("up"); // written by Prometheus for every target
            missing.addAll(names);
        }
        assertEquals(Set.of(), missing, "series the rules read that /metrics does not expose");
    }

    @Test
    void theImageIsBuiltFromTheAssembledDistributionOnAPublicJre() {
        assertTrue(dockerfile.from().matches("eclipse-temurin:17-jre(-\\w+)?"), "a public Java 17 runtime: " + dockerfile.from());
        Path repository = DEPLOY.getParent();
        for (List<String> copy : dockerfile.copies()) {
            Path source = repository.resolve(copy.get(0));
            assertTrue(Files.exists(source), "COPY " + copy.get(0) + ": nothing there after the build");
        }
        assertEquals(Installation.built().home(), repository.resolve(dockerfile.copies().get(0).get(0)).toAbsolutePath().normalize(),
                "the image holds the distribution this build assembled");
        assertEquals(List.of("/opt/memtune/bin/memtune", "--no-shell", "--log-stdout"), dockerfile.entrypoint(), "a service"
                + " logging to the container's log; exec form, so that the JVM gets SIGTERM itself");
        assertEquals(pod.at("/securityContext/runAsUser").asText(), dockerfile.user(), "the image's user is the pod's");
    }

    // --- helpers

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String envValue(String name) {
        for (JsonNode v : container.at("/env")) {
            if (name.equals(v.at("/name").asText())) {
                return v.at("/value").asText();
            }
        }
        return null;
    }

    private static List<String> textList(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static long memoryLimitBytes() {
        return parseBytes(container.at("/resources/limits/memory").asText());
    }

    /** A Kubernetes quantity (1Gi, 512Mi) or a JVM size (512m, 1g) in bytes. */
    static long parseBytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)([KMGkmg]i?)?").matcher(quantity.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: " + quantity);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).substring(0, 1).toUpperCase(java.util.Locale.ROOT);
        return switch (unit) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            case "G" -> n << 30;
            default -> n;
        };
    }

    /** The flags of a jvm.options file, in order, comments and blank lines left out. */
    private static List<String> flags(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty())
                .collect(Collectors.toList());
    }

    private static List<String> without(List<String> flags, String... prefixes) {
        return flags.stream().filter(f -> java.util.Arrays.stream(prefixes).noneMatch(f::startsWith)).toList();
    }

    private static long effective(String configTable, String key) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(key) + "\\s+(\\d+)\\s").matcher(configTable);
        assertTrue(m.find(), key + " in: " + configTable);
        return Long.parseLong(m.group(1));
    }

    private static Map<String, Double> metricValues(int renderStatus) {
        assertEquals(200, renderStatus, "a render before reading the metrics");
        Map<String, Double> values = new LinkedHashMap<>();
        for (String line : get("/metrics").body().split("\n")) {
            String[] parts = line.split(" ");
            if (!line.startsWith("#") && parts.length == 2 && !parts[0].contains("{")) {
                values.put(parts[0], Double.parseDouble(parts[1]));
            }
        }
        return values;
    }

    private static void renderPagesAndABatch() {
        byte[] page = "{\"name\": \"Ada\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(200, Installation.statusOfPost(HTTP, base.resolve("render/acme/welcome.html"), page, Duration.ofSeconds(30)));
        assertEquals(200, Installation.statusOfPost(HTTP, base.resolve("render/globex/welcome.html/batch"),
                "[{\"name\": \"Ada\"}, {\"name\": \"Grace\"}]".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30)));
    }

    private static String promtool(Path rules) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ExternalPrograms.PROMTOOL.toString(), "check", "rules", rules.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool ran");
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    private static int status(String path) {
        return Installation.statusOfGet(HTTP, base.resolve(path.substring(1)), Duration.ofSeconds(5));
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve(path.substring(1))).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
