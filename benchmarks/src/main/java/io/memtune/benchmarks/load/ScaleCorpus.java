package io.memtune.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.memtune.benchmarks.CorpusGenerator;

/**
 * A white-label corpus of the tenant-scale benchmark, written once by {@link CorpusGenerator} (through its command
 * line, in a JVM of its own, so that only its documented options are relied on) and kept: its summary line, with
 * the distinct template text, is stored next to it.
 *
 * @param directory where it is ({@code templates/} and {@code context.json} under it)
 * @param tenants its tenants ({@code tenant00000}, ... as the generator names them)
 * @param pages pages a tenant ({@code page0.html}, ...)
 * @param files template files written
 * @param distinctBytes bytes of distinct template content, as the generator counts them: the floor
 * @param generationSeconds how long writing it took (0 when it was there already)
 */
record ScaleCorpus(Path directory, int tenants, int pages, long files, long distinctBytes, double generationSeconds) {

    private static final Pattern SUMMARY = Pattern.compile("wrote (\\d+) templates, (\\d+) bytes \\((\\d+) bytes of distinct content\\)");

    /** The corpus for these settings under {@code work}, generated when missing. */
    static ScaleCorpus of(Path work, int tenants, int pages, double sharedRatio, double overrideRatio)
            throws IOException, InterruptedException {
        String name = String.format(Locale.ROOT, "corpus-%dx%d-s%.2f-o%.2f", tenants, pages, sharedRatio, overrideRatio);
        Path directory = work.resolve(name);
        Path summary = directory.resolve("summary.txt");
        double seconds = 0;
        if (!Files.exists(summary)) {
            deleteRecursively(directory);
            long start = System.nanoTime();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CorpusGenerator.class.getName(), "--out", directory.toString(),
                    "--tenants", Integer.toString(tenants), "--templates", Integer.toString(pages), "--shared-ratio",
                    Double.toString(sharedRatio), "--override-ratio", Double.toString(overrideRatio), "--seed", "42"));
            ExternalCommand.Answer answer = ExternalCommand.run(command, Duration.ofHours(2));
            if (!answer.ok()) {
                throw new IllegalStateException("the corpus generator failed (exit " + answer.exit() + "): " + answer.output());
            }
            seconds = (System.nanoTime() - start) / 1e9;
            Files.writeString(summary, answer.output().strip() + "\n", StandardCharsets.UTF_8);
        }
        Matcher m = SUMMARY.matcher(Files.readString(summary));
        if (!m.find()) {
            throw new IllegalStateException(summary + " holds no generator summary; delete " + directory + " to write it again");
        }
        return new ScaleCorpus(directory, tenants, pages, Long.parseLong(m.group(1)), Long.parseLong(m.group(3)), seconds);
    }

    long totalPages() {
        return (long) tenants * pages;
    }

    /** The render path of page {@code index} (tenant-major). */
    String path(long index) {
        return String.format(Locale.ROOT, "render/tenant%05d/page%d.html", index / pages, index % pages);
    }

    byte[] context() throws IOException {
        return Files.readAllBytes(directory.resolve("context.json"));
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var files = Files.walk(directory)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
