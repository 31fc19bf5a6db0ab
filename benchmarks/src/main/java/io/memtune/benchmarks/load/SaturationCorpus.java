package io.memtune.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.memtune.benchmarks.ContextReads;
import io.memtune.benchmarks.CorpusGenerator;
import io.memtune.benchmarks.CorpusShape;

/**
 * A corpus the saturation run loads: the templates a container serves and every request it is sent.
 *
 * @param name a shape's name, or {@value SaturationPlan#SAMPLES}
 * @param templates the templates directory (copied into the container's installation as its {@code templates})
 * @param targets every page with its body, each sent in turn
 * @param description what it is, for the report (sizes, how much of the context pages read)
 */
record SaturationCorpus(String name, Path templates, List<LoadTarget> targets, String description) {

    /** A generated corpus of {@code shape}, written afresh under {@code dir}: every tenant's every page, with context.json. */
    static SaturationCorpus generated(CorpusShape shape, SaturationPlan plan, Path dir) throws IOException {
        deleteTree(dir);
        CorpusGenerator.generate(new CorpusGenerator.Settings(dir, plan.tenants(), plan.templates(), 0.3, 0.2, 42, shape,
                plan.listItems()));
        Path templates = dir.resolve("templates");
        Path body = dir.resolve("context.json");
        List<LoadTarget> targets = new ArrayList<>();
        for (String tenant : sortedNames(templates)) {
            if (tenant.startsWith("tenant")) {
                for (String file : sortedNames(templates.resolve(tenant))) {
                    if (file.startsWith("page")) {
                        targets.add(new LoadTarget("/render/" + tenant + "/" + page(file), body));
                    }
                }
            }
        }
        String description = String.format("%d tenants x %d pages (CorpusGenerator --shape %s --seed 42 --shared-ratio 0.3"
                + " --override-ratio 0.2%s); %s", plan.tenants(), plan.templates(), shape,
                shape == CorpusShape.WIDE_LISTS ? " --list-items " + plan.listItems() : "", ContextReads.measure(dir, 3));
        return new SaturationCorpus(shape.option(), templates, List.copyOf(targets), description);
    }

    /**
     * The distribution's sample corpus: every tenant of its templates x every sample page (samples/&lt;page&gt;.json)
     * that the tenant resolves (its own file or the shared one).
     */
    static SaturationCorpus samples(Path home) throws IOException {
        Path templates = home.resolve("templates");
        List<LoadTarget> targets = new ArrayList<>();
        List<String> pages = new ArrayList<>();
        for (String sample : sortedNames(home.resolve("samples"))) {
            if (sample.endsWith(".json")) {
                pages.add(sample.substring(0, sample.length() - ".json".length()));
            }
        }
        for (String tenant : sortedNames(templates)) {
            if (tenant.startsWith("_")) {
                continue;
            }
            for (String page : pages) {
                String file = page + ".mustache";
                if (Files.exists(templates.resolve(tenant).resolve(file)) || Files.exists(templates.resolve("_shared").resolve(file))) {
                    targets.add(new LoadTarget("/render/" + tenant + "/" + page, home.resolve("samples").resolve(page + ".json")));
                }
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalStateException("the sample corpus of " + home + " has no page that a tenant resolves");
        }
        return new SaturationCorpus(SaturationPlan.SAMPLES, templates, List.copyOf(targets), String.format(
                "the distribution's templates/ and samples/: %d pages (every tenant x every sample page it resolves: %s)",
                targets.size(), String.join(", ", pages)));
    }

    private static String page(String file) {
        return file.substring(0, file.length() - ".mustache".length());
    }

    private static List<String> sortedNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
