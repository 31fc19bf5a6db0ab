package io.memtune.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a synthetic multi-tenant template corpus for benchmarks: {@code <out>/templates/<tenant>/...}
 * and {@code <out>/context.json}, a context every template renders with.
 *
 * <p>Each tenant gets {@code templates} pages that extend a shared layout and include shared partials;
 * a {@code shared-ratio} of them are identical across tenants (the same few designs copied into every
 * tenant, as white-label deployments do), the rest have text of their own. Every tenant also overrides
 * the shared header with a probability of {@code override-ratio}. Deterministic for a seed.
 *
 * <pre>
 * java -cp benchmarks/target/classes io.memtune.benchmarks.CorpusGenerator \
 *   --out target/corpus --tenants 500 --templates 20 --shared-ratio 0.3 [--override-ratio 0.2] [--seed 42]
 * </pre>
 */
public final class CorpusGenerator {

    private static final String[] WORDS = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod "
            + "tempor incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation "
            + "ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure in reprehenderit voluptate velit "
            + "esse cillum fugiat nulla pariatur excepteur sint occaecat cupidatat non proident sunt culpa qui officia "
            + "deserunt mollit anim id est laborum").split(" ");

    /** The generator's settings. */
    public record Settings(Path out, int tenants, int templates, double sharedRatio, double overrideRatio, long seed) {

        public Settings {
            if (tenants < 1 || templates < 1) {
                throw new IllegalArgumentException("--tenants and --templates must be at least 1");
            }
            if (sharedRatio < 0 || sharedRatio > 1 || overrideRatio < 0 || overrideRatio > 1) {
                throw new IllegalArgumentException("--shared-ratio and --override-ratio lie between 0 and 1");
            }
        }
    }

    /** What was written. @param files template files @param bytes their total size @param uniqueBytes of distinct content */
    public record Summary(int files, long bytes, long uniqueBytes) {
    }

    private CorpusGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Settings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("corpus generator: " + e.getMessage());
            System.err.println("usage: --out DIR --tenants N --templates N --shared-ratio R [--override-ratio R] [--seed S]");
            System.exit(2);
            return;
        }
        Summary s = generate(settings);
        System.out.printf("wrote %d templates, %d bytes (%d bytes of distinct content) under %s%n", s.files(), s.bytes(),
                s.uniqueBytes(), settings.out().resolve("templates"));
    }

    static Settings parse(String[] args) {
        Path out = null;
        int tenants = 500;
        int templates = 20;
        double shared = 0.3;
        double override = 0.2;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            try {
                switch (args[i]) {
                    case "--out": out = Path.of(value); break;
                    case "--tenants": tenants = Integer.parseInt(value); break;
                    case "--templates": templates = Integer.parseInt(value); break;
                    case "--shared-ratio": shared = Double.parseDouble(value); break;
                    case "--override-ratio": override = Double.parseDouble(value); break;
                    case "--seed": seed = Long.parseLong(value); break;
                    default: throw new IllegalArgumentException("unknown option " + args[i]);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(args[i] + " takes a number, not '" + value + "'");
            }
            i++;
        }
        if (out == null) {
            throw new IllegalArgumentException("--out is required");
        }
        return new Settings(out, tenants, templates, shared, override, seed);
    }

    public static Summary generate(Settings s) throws IOException {
        Random random = new Random(s.seed());
        Path root = s.out().resolve("templates");
        Counter counter = new Counter();
        writeShared(root, counter);
        int sharedDesigns = Math.max(1, s.templates() / 4);
        List<String> designs = new ArrayList<>();
        for (int d = 0; d < sharedDesigns; d++) {
            designs.add(page("Shared design " + d, random, 40));
        }
        counter.unique += designs.stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum();
        int sharedPerTenant = (int) Math.round(s.templates() * s.sharedRatio());
        for (int t = 0; t < s.tenants(); t++) {
            String tenant = String.format("tenant%05d", t);
            for (int p = 0; p < s.templates(); p++) {
                String text;
                if (p < sharedPerTenant) {
                    text = designs.get(p % designs.size());
                } else {
                    text = page(tenant + " page " + p, random, 40);
                    counter.unique += text.getBytes(StandardCharsets.UTF_8).length;
                }
                counter.write(root.resolve(tenant).resolve("page" + p + ".html.mustache"), text);
            }
            if (random.nextDouble() < s.overrideRatio()) {
                String header = "<header class=\"" + tenant + "\">{{brand}} &middot; " + sentence(random, 8) + "</header>\n";
                counter.unique += header.length();
                counter.write(root.resolve(tenant).resolve("header.mustache"), header);
            }
        }
        Files.writeString(s.out().resolve("context.json"), CONTEXT);
        return new Summary(counter.files, counter.bytes, counter.unique);
    }

    /** One render context that every generated template uses fully. */
    public static final String CONTEXT = "{\"brand\": \"Example\", \"title\": \"Report\", \"user\": {\"name\": \"Ada\"},"
            + " \"items\": [{\"name\": \"one\", \"price\": 1.5, \"tags\": [\"a\", \"b\"]}, {\"name\": \"two\", \"price\": 2,"
            + " \"tags\": []}, {\"name\": \"three\", \"price\": 3.25, \"tags\": [\"c\"]}], \"year\": 2026,"
            + " \"notice\": \"<b>escaped</b>\"}\n";

    private static void writeShared(Path root, Counter counter) throws IOException {
        String[][] shared = {
            {"layout.html", "<!DOCTYPE html><html><head><title>{{$title}}{{brand}}{{/title}}</title></head><body>\n"
                    + "{{>header}}\n<main>{{$content}}{{/content}}</main>\n{{>footer}}\n</body></html>\n"},
            {"header", "<header>{{brand}}{{#user}} &middot; {{name}}{{/user}}</header>\n"},
            {"footer", "<footer>&copy; {{year}} {{brand}}</footer>\n"},
            {"item", "<li>{{name}}: {{price}}{{#tags}} <span>{{.}}</span>{{/tags}}</li>\n"},
        };
        for (String[] file : shared) {
            counter.write(root.resolve("_shared").resolve(file[0] + ".mustache"), file[1]);
            counter.unique += file[1].length();
        }
    }

    private static String page(String title, Random random, int words) {
        return "{{<layout.html}}{{$title}}" + title + " - {{title}}{{/title}}{{$content}}\n<h1>" + title + "</h1>\n<p>"
                + sentence(random, words) + " {{notice}}</p>\n<ul>{{#items}}{{>item}}{{/items}}</ul>\n"
                + "{{^items}}<p>" + sentence(random, 6) + "</p>{{/items}}\n<p>" + sentence(random, words / 2)
                + "</p>\n{{/content}}{{/layout.html}}\n";
    }

    private static String sentence(Random random, int words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            s.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return s.toString();
    }

    /** Counts and writes files. */
    private static final class Counter {
        int files;
        long bytes;
        long unique;

        void write(Path file, String text) throws IOException {
            Files.createDirectories(file.getParent());
            byte[] content = text.getBytes(StandardCharsets.UTF_8);
            Files.write(file, content);
            files++;
            bytes += content.length;
        }
    }
}
