package io.memtune.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.memtune.benchmarks.CorpusGenerator;

/**
 * What every run of a comparison shares, whichever the mode: the distribution started, the folder runs write
 * in, the corpus and its pages, the port, and the closed-loop users' think time.
 */
record Bench(Path home, Path work, Path corpus, List<ClosedLoopLoad.Target> targets, int port, Duration think) {

    static final String INITIAL_HEAP = "16m";

    /** The corpus under {@code work/corpus} (generated the first time: seed fixed, so every run has the same pages). */
    static Bench of(Path home, Path work, int tenants, int templates, int port, Duration think) throws IOException {
        Path corpus = work.resolve("corpus");
        if (!Files.exists(corpus.resolve("context.json"))) {
            CorpusGenerator.main(new String[] {"--out", corpus.toString(), "--tenants", Integer.toString(tenants), "--templates",
                Integer.toString(templates), "--shared-ratio", "0.3"});
        }
        return new Bench(home, work, corpus, targets(corpus), port, think);
    }

    /**
     * The JVM flags both sides get on top of the distribution's jvm.options: a fixed heap cap, G1, and the HTTP
     * port and host from the very start (the environment file sets them too, but only once it is applied: until
     * then Jetty would take the default port 8080, which may belong to another container on the machine). The
     * initial heap is small ({@value #INITIAL_HEAP}), so each side's heap grows to what G1 finds it needs (its GC
     * time goal) under the cap: with {@code -Xms} equal to the cap, every page of the heap is touched sooner or
     * later and the resident size measures the flag, not the side.
     */
    List<String> flags(String xmx) {
        return List.of("-Xmx" + xmx, "-Xms" + INITIAL_HEAP, "-XX:+UseG1GC", "-Dorg.osgi.service.http.port=" + port,
                "-Dorg.apache.felix.http.host=127.0.0.1");
    }

    /** Every tenant's pages, each sent with the corpus's context. */
    static List<ClosedLoopLoad.Target> targets(Path corpus) throws IOException {
        return targets(corpus, Files.readString(corpus.resolve("context.json")));
    }

    /**
     * Every tenant's pages ({@code templates/<tenant>/page*}; folders starting with {@code _} hold partials, which
     * are not pages: they answer 404), each sent with {@code body}.
     */
    static List<ClosedLoopLoad.Target> targets(Path corpus, String body) throws IOException {
        List<ClosedLoopLoad.Target> targets = new ArrayList<>();
        try (var tenants = Files.list(corpus.resolve("templates"))) {
            for (Path tenant : tenants.filter(t -> !t.getFileName().toString().startsWith("_")).sorted().toList()) {
                try (var pages = Files.list(tenant)) {
                    pages.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("page")).sorted()
                            .forEach(n -> targets.add(new ClosedLoopLoad.Target("render/" + tenant.getFileName() + "/"
                                    + n.replace(".mustache", ""), body)));
                }
            }
        }
        return targets;
    }
}
