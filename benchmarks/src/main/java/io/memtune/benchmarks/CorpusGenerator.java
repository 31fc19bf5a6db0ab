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
 * <p>{@code --shape} picks what the contexts (and pages) look like ({@link CorpusShape}): {@code lean} (the default:
 * this corpus as it always was, byte for byte), {@code api-payload} (3 to 10 times more data than the pages read),
 * {@code wide-lists} (sections over {@code --list-items} items, 300 by default) and {@code reflective-misses} (pages
 * that look names up on strings, numbers and lists). With the module's classpath it then prints how much of the
 * context a page reads ({@link ContextReads}).
 *
 * <pre>
 * java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) io.memtune.benchmarks.CorpusGenerator \
 *   --out target/corpus --tenants 500 --templates 20 --shared-ratio 0.3 [--override-ratio 0.2] [--seed 42] \
 *   [--shape lean|api-payload|wide-lists|reflective-misses] [--list-items 300]
 * </pre>
 */
public final class CorpusGenerator {

    private static final String[] WORDS = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod "
            + "tempor incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation "
            + "ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure in reprehenderit voluptate velit "
            + "esse cillum fugiat nulla pariatur excepteur sint occaecat cupidatat non proident sunt culpa qui officia "
            + "deserunt mollit anim id est laborum").split(" ");

    /** The generator's settings. */
    public record Settings(Path out, int tenants, int templates, double sharedRatio, double overrideRatio, long seed,
            CorpusShape shape, int listItems) {

        /** The items of a wide list when {@code --list-items} does not say. */
        public static final int LIST_ITEMS = 300;

        public Settings {
            if (tenants < 1 || templates < 1) {
                throw new IllegalArgumentException("--tenants and --templates must be at least 1");
            }
            if (sharedRatio < 0 || sharedRatio > 1 || overrideRatio < 0 || overrideRatio > 1) {
                throw new IllegalArgumentException("--shared-ratio and --override-ratio lie between 0 and 1");
            }
            if (listItems < 1 || listItems > 100_000) {
                throw new IllegalArgumentException("--list-items lies between 1 and 100000, not " + listItems);
            }
        }

        /** A lean corpus (the shape of every figure before shapes existed). */
        public Settings(Path out, int tenants, int templates, double sharedRatio, double overrideRatio, long seed) {
            this(out, tenants, templates, sharedRatio, overrideRatio, seed, CorpusShape.LEAN, LIST_ITEMS);
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
            System.err.println("usage: --out DIR --tenants N --templates N --shared-ratio R [--override-ratio R] [--seed S]"
                    + " [--shape " + CorpusShape.options() + "] [--list-items N]");
            System.exit(2);
            return;
        }
        Summary s = generate(settings);
        System.out.printf("wrote %d templates, %d bytes (%d bytes of distinct content) under %s (shape %s)%n", s.files(),
                s.bytes(), s.uniqueBytes(), settings.out().resolve("templates"), settings.shape());
        try {
            System.out.println(ContextReads.measure(settings.out(), 3));
        } catch (NoClassDefFoundError e) {
            // run with benchmarks/target/classes alone: the corpus is written, the measurement needs the template bundle
            System.out.println("(how much of the context a page reads is measured with the module's classpath:"
                    + " benchmarks/target/classpath.txt; missing " + e.getMessage() + ")");
        }
    }

    static Settings parse(String[] args) {
        Path out = null;
        int tenants = 500;
        int templates = 20;
        double shared = 0.3;
        double override = 0.2;
        long seed = 42;
        CorpusShape shape = CorpusShape.LEAN;
        int listItems = Settings.LIST_ITEMS;
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
                    case "--shape": shape = CorpusShape.of(value); break;
                    case "--list-items": listItems = Integer.parseInt(value); break;
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
        return new Settings(out, tenants, templates, shared, override, seed, shape, listItems);
    }

    public static Summary generate(Settings s) throws IOException {
        Random random = new Random(s.seed());
        Path root = s.out().resolve("templates");
        Counter counter = new Counter();
        writeShared(root, counter);
        int sharedDesigns = Math.max(1, s.templates() / 4);
        List<String> designs = new ArrayList<>();
        for (int d = 0; d < sharedDesigns; d++) {
            designs.add(page("Shared design " + d, random, 40, s.shape()));
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
                    text = page(tenant + " page " + p, random, 40, s.shape());
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
        Files.writeString(s.out().resolve("context.json"), s.shape() == CorpusShape.LEAN ? CONTEXT
                : new ShapedContexts(s.seed()).json(s.shape(), s.listItems()));
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

    /**
     * Names looked up on what is not a map, as pages do in practice: members of strings, numbers and lists
     * ({@code length}, {@code size}, {@code empty}, {@code intValue}), in sections over them and through dotted names,
     * misses there (a list has no {@code name}, a number no {@code length}), and names that miss on a string or a
     * number scope and resolve in an outer map ({@code brand} inside {@code {{#user.name}}}).
     */
    static final String REFLECTIVE_BLOCK = "<section class=\"facts\">\n"
            + "<p>{{#user.name}}{{.}}: {{length}} letters at {{brand}}{{/user.name}} ({{user.name.length}})</p>\n"
            + "<p>{{items.size}} items{{#items.empty}}, none{{/items.empty}}{{^items.empty}}, some{{/items.empty}}"
            + " {{items.name}}{{notice.length}} {{year.length}}</p>\n"
            + "<ol>{{#items}}<li>{{#name}}{{length}}:{{.}} in {{title}}{{/name}} {{price.intValue}}"
            + " [{{#tags}}{{.}} {{length}} {{/tags}}] {{tags.size}}{{#tags.empty}} untagged{{/tags.empty}}</li>{{/items}}</ol>\n"
            + "<p>{{#year}}{{.}} {{brand}} {{title}}{{/year}}{{#notice}} {{length}} {{user.name}}{{/notice}}</p>\n"
            + "</section>\n";

    private static String page(String title, Random random, int words, CorpusShape shape) {
        return "{{<layout.html}}{{$title}}" + title + " - {{title}}{{/title}}{{$content}}\n<h1>" + title + "</h1>\n<p>"
                + sentence(random, words) + " {{notice}}</p>\n<ul>{{#items}}{{>item}}{{/items}}</ul>\n"
                + "{{^items}}<p>" + sentence(random, 6) + "</p>{{/items}}\n<p>" + sentence(random, words / 2)
                + "</p>\n" + (shape == CorpusShape.REFLECTIVE_MISSES ? REFLECTIVE_BLOCK : "")
                + "{{/content}}{{/layout.html}}\n";
    }

    static String sentence(Random random, int words) {
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
