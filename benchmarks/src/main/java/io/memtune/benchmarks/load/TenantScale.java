package io.memtune.benchmarks.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The tenant-scale benchmark (issue "memory at tenant scale", item 1): for each number of tenants, a white-label
 * corpus ({@link ScaleCorpus}), and per mode a container of the assembled distribution with the same flags: every page
 * rendered once, then a Zipf load; the live heap the templates add (over the same container with a repository of one
 * of the corpus's tenants, its pages rendered, so that the request path's own objects are in both), per page and per
 * tenant beyond the distinct text, resident memory, and the memory tier's hit ratio, evictions and reloads, also for a
 * tier smaller than the working set.
 *
 * <p>Modes: {@code plain} (stock Mustache.java, the template service's baseline mode), {@code tuned} (baseline mode with
 * partials cached per tenant, {@code baseline.partials.cached}), {@code optimized} (the optimizer, a memory tier big
 * enough for every page), {@code optimized-small} (the same with a memory tier of a fraction of the working set the
 * optimized run measured at that size, or {@code --small-tier-bytes}). Above {@code --plain-limit} tenants only the
 * {@code --large-modes} run (plain Mustache.java would need some 18 KB a page: 18 GB at a million pages).
 *
 * <pre>
 * benchmarks/run-tenant-scale.sh [--sizes 1000,10000,50000] [--pages 20] [--xmx 6g] [...]
 * </pre>
 */
public final class TenantScale {

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("--home", "benchmarks/target/tenant-scale/memtune");
        d.put("--work", "benchmarks/target/tenant-scale");
        d.put("--sizes", "1000,10000,50000");
        d.put("--pages", "20");
        d.put("--shared-ratio", "0.9");
        d.put("--override-ratio", "0.2");
        d.put("--modes", "plain,tuned,optimized,optimized-small");
        d.put("--plain-limit", "10000");
        d.put("--large-modes", "optimized-small");
        d.put("--xmx", "6g");
        d.put("--memory-tier", "2g");
        d.put("--small-tier", "0.25");
        d.put("--small-tier-bytes", "64m");
        d.put("--connections", "4");
        d.put("--zipf-requests", "0");
        d.put("--zipf-exponent", "1.0");
        d.put("--settle-seconds", "20");
        d.put("--port", "0");
        return d;
    }

    private TenantScale() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(DEFAULTS);
        for (int i = 0; i < args.length; i++) {
            if (!o.containsKey(args[i]) || i + 1 == args.length) {
                System.err.println("tenant-scale: " + (o.containsKey(args[i]) ? args[i] + " needs a value" : "unknown option "
                        + args[i]) + "; options and defaults: " + DEFAULTS);
                System.exit(2);
            }
            o.put(args[i], args[++i]);
        }
        Path work = Path.of(o.get("--work")).toAbsolutePath();
        Path home = Path.of(o.get("--home")).toAbsolutePath();
        Files.createDirectories(work);
        int port = Integer.parseInt(o.get("--port")) == 0 ? freePort() : Integer.parseInt(o.get("--port"));
        List<String> flags = List.of("-Xms64m", "-Xmx" + o.get("--xmx"), "-XX:+UseG1GC", "-Dorg.osgi.service.http.port=" + port,
                "-Dorg.apache.felix.http.host=127.0.0.1");
        Duration settle = Duration.ofSeconds(Long.parseLong(o.get("--settle-seconds")));
        int pages = Integer.parseInt(o.get("--pages"));
        System.out.println("# tenant-scale: every flag and setting");
        System.out.println("options: " + o);
        System.out.println("container JVM flags, every mode (after the distribution's jvm.options, which they override): "
                + String.join(" ", flags) + " -Xlog:gc:file=<work>/gc-<run>.log");
        System.out.println("jvm.options: " + Files.readString(home.resolve("jvm.options")).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("options", o);
        json.put("flags", flags);
        List<Map<String, Object>> sizes = new ArrayList<>();
        Map<String, Long> empty = new LinkedHashMap<>(); // the baselines' live heaps, per service configuration
        boolean identical = true;
        for (String size : o.get("--sizes").split(",")) {
            int tenants = Integer.parseInt(size.strip());
            ScaleCorpus corpus = ScaleCorpus.of(work, tenants, pages, Double.parseDouble(o.get("--shared-ratio")),
                    Double.parseDouble(o.get("--override-ratio")));
            System.out.printf(Locale.ROOT, "%n## %,d tenants x %d pages = %,d pages: %,d template files, %,d bytes of distinct"
                    + " text%s%n", tenants, pages, corpus.totalPages(), corpus.files(), corpus.distinctBytes(),
                    corpus.generationSeconds() > 0 ? String.format(Locale.ROOT, " (generated in %.0f s)", corpus.generationSeconds())
                            : " (generated before)");
            Bench bench = new Bench(home, work, corpus.directory(), List.of(), port, Duration.ZERO);
            ScaleRun runs = new ScaleRun(bench, corpus, flags, Integer.parseInt(o.get("--connections")));
            long zipfRequests = Long.parseLong(o.get("--zipf-requests")) > 0 ? Long.parseLong(o.get("--zipf-requests"))
                    : corpus.totalPages();
            List<ScaleRun.Result> results = new ArrayList<>();
            long workingSet = -1;
            String modes = tenants > Integer.parseInt(o.get("--plain-limit")) ? o.get("--large-modes") : o.get("--modes");
            for (String name : modes.split(",")) {
                ScaleRun.Mode mode = mode(name.strip(), o, workingSet);
                String emptyKey = mode.serviceMode() + mode.partialsCached();
                if (!empty.containsKey(emptyKey)) {
                    empty.put(emptyKey, runs.baselineLiveHeap(mode, settle));
                    System.out.printf(Locale.ROOT, "one-tenant repository (the baseline every run is measured against), %s:"
                            + " live heap %.1f MB%n", name, empty.get(emptyKey) / 1048576.0);
                }
                ScaleRun.Result r = runs.run(mode, zipfRequests, Double.parseDouble(o.get("--zipf-exponent")), settle);
                if (mode.name().equals("optimized")) {
                    workingSet = r.workingSetBytes();
                }
                results.add(r);
                System.out.println(ScaleReport.line(corpus, mode, r, empty.get(emptyKey)));
            }
            Set<Long> digests = new HashSet<>();
            results.forEach(r -> digests.add(r.digest()));
            boolean same = digests.size() == 1;
            identical &= same;
            System.out.println(ScaleReport.table(corpus, results, empty, modes(o, tenants, workingSet)));
            System.out.println("outputs of the render-once pass identical across modes: " + (same ? "yes" : "NO " + digests));
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("corpus", corpus);
            s.put("results", results);
            s.put("baselineLiveHeap", empty);
            s.put("identicalOutputs", same);
            sizes.add(s);
        }
        json.put("sizes", sizes);
        Path out = work.resolve("tenant-scale.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
        System.out.println("\nresults: " + out + " (class histograms and GC logs of every run next to it)");
        if (!identical) {
            System.exit(1);
        }
    }

    /** The modes of a size, with their memory tiers, for the table's mode column. */
    private static Map<String, ScaleRun.Mode> modes(Map<String, String> o, int tenants, long workingSet) {
        Map<String, ScaleRun.Mode> modes = new LinkedHashMap<>();
        String names = tenants > Integer.parseInt(o.get("--plain-limit")) ? o.get("--large-modes") : o.get("--modes");
        for (String name : names.split(",")) {
            modes.put(name.strip(), mode(name.strip(), o, workingSet));
        }
        return modes;
    }

    static ScaleRun.Mode mode(String name, Map<String, String> o, long workingSet) {
        long large = bytes(o.get("--memory-tier"));
        return switch (name) {
            case "plain" -> new ScaleRun.Mode(name, "baseline", false, large);
            case "tuned" -> new ScaleRun.Mode(name, "baseline", true, large);
            case "optimized" -> new ScaleRun.Mode(name, "optimized", false, large);
            case "optimized-small" -> new ScaleRun.Mode(name, "optimized", false, Math.max(1 << 20, workingSet > 0
                    ? (long) (workingSet * Double.parseDouble(o.get("--small-tier"))) : bytes(o.get("--small-tier-bytes"))));
            default -> throw new IllegalArgumentException("no mode '" + name + "': plain, tuned, optimized, optimized-small");
        };
    }

    static long bytes(String size) {
        String s = size.strip().toLowerCase(Locale.ROOT);
        long unit = s.endsWith("g") ? 1L << 30 : s.endsWith("m") ? 1L << 20 : s.endsWith("k") ? 1L << 10 : 1;
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
