package io.memtune.benchmarks.heap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.memtune.benchmarks.CorpusGenerator;

/**
 * The template heap comparison: each mode in a JVM of its own with the same flags, alternating
 * (plain, tuned, optimized, plain, ...), over one generated corpus; medians, ratios, and a check that every
 * mode rendered the same output.
 *
 * <pre>
 * java -cp ... io.memtune.benchmarks.heap.TemplateHeapComparison [--corpus DIR] [--tenants 500]
 *     [--templates 20] [--shared-ratio 0.3] [--rounds 3] [--xmx 3g] [--json FILE]
 * </pre>
 */
public final class TemplateHeapComparison {

    static final List<String> MODES = List.of("plain", "tuned", "optimized");

    private TemplateHeapComparison() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--corpus", "benchmarks/target/corpus-500x20",
                "--tenants", "500", "--templates", "20", "--shared-ratio", "0.3", "--rounds", "3", "--xmx", "3g",
                "--json", "benchmarks/target/template-heap.json"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + options.keySet());
            }
            options.put(args[i], args[i + 1]);
        }
        Path corpus = Path.of(options.get("--corpus"));
        if (!Files.exists(corpus.resolve("context.json"))) {
            CorpusGenerator.main(new String[] {"--out", corpus.toString(), "--tenants", options.get("--tenants"),
                "--templates", options.get("--templates"), "--shared-ratio", options.get("--shared-ratio")});
        }
        List<String> flags = List.of("-Xmx" + options.get("--xmx"), "-Xms" + options.get("--xmx"), "-XX:+UseG1GC",
                "-XX:+UseStringDeduplication");
        Map<String, List<Map<String, Object>>> runs = new LinkedHashMap<>();
        int rounds = Integer.parseInt(options.get("--rounds"));
        for (int r = 0; r < rounds; r++) {
            for (String mode : MODES) {
                Map<String, Object> run = fork(corpus, mode, flags);
                System.out.println("round " + (r + 1) + ": " + run);
                runs.computeIfAbsent(mode, m -> new ArrayList<>()).add(run);
            }
        }
        Set<Object> digests = new HashSet<>();
        runs.values().forEach(list -> list.forEach(run -> digests.add(run.get("digest"))));
        if (digests.size() != 1) {
            throw new IllegalStateException("the modes rendered different output: digests " + digests);
        }
        long unique = uniqueBytes(corpus.resolve("templates"));
        Map<String, Long> live = new LinkedHashMap<>();
        Map<String, Long> compile = new LinkedHashMap<>();
        for (String mode : MODES) {
            live.put(mode, median(runs.get(mode), "live_bytes"));
            compile.put(mode, median(runs.get(mode), "compile_ms"));
        }
        int templates = ((Number) runs.get("optimized").get(0).get("templates")).intValue();
        String report = String.format(Locale.ROOT, "%d templates, %d distinct template bytes; JVM flags %s; medians of %d"
                + " rounds%n| mode | live heap | vs tuned | vs plain | x unique bytes | compile |%n|---|---|---|---|---|---|%n",
                templates, unique, String.join(" ", flags), rounds);
        StringBuilder table = new StringBuilder(report);
        for (String mode : MODES) {
            table.append(String.format(Locale.ROOT, "| %s | %.1f MB | %.2f | %.2f | %.1f | %d ms |%n", mode,
                    live.get(mode) / 1048576.0, (double) live.get(mode) / live.get("tuned"), (double) live.get(mode) / live.get("plain"),
                    (double) live.get(mode) / unique, compile.get(mode)));
        }
        System.out.print(table);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("templates", templates);
        json.put("unique_bytes", unique);
        json.put("flags", flags);
        json.put("live_bytes", live);
        json.put("compile_ms", compile);
        json.put("runs", runs);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(Path.of(options.get("--json")).toFile(), json);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fork(Path corpus, String mode, List<String> flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TemplateHeap.class.getName());
        command.add(corpus.toString());
        command.add(mode);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                last = line.startsWith("{") ? line : last;
            }
        }
        if (process.waitFor() != 0 || last == null) {
            throw new IllegalStateException(mode + " failed (exit " + process.exitValue() + ")");
        }
        return new ObjectMapper().readValue(last, Map.class);
    }

    private static long median(List<Map<String, Object>> runs, String key) {
        List<Long> values = runs.stream().map(r -> ((Number) r.get(key)).longValue()).sorted().toList();
        return values.get(values.size() / 2);
    }

    /** The bytes of the distinct template texts: the floor no engine can go under. */
    static long uniqueBytes(Path templates) throws IOException {
        Set<String> seen = new HashSet<>();
        long bytes = 0;
        try (Stream<Path> files = Files.walk(templates)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".mustache")).toList()) {
                String text = Files.readString(file);
                if (seen.add(text)) {
                    bytes += text.getBytes(StandardCharsets.UTF_8).length;
                }
            }
        }
        return bytes;
    }
}
