package io.memtune.template.core;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

import io.memtune.api.template.TemplateEngine;
import io.memtune.api.template.TemplateSource;

/**
 * The public Mustache specification's cases (lambdas and non-object root contexts left out: the service's
 * contexts are JSON objects), and what plain Mustache.java and an engine make of them. Shared with the
 * optimizer's tests (this module's test jar).
 */
public final class SpecCases {

    /** One specification case. */
    public record SpecCase(String file, String name, Object data, String template, Map<String, String> partials,
            String expected) {

        /** The case as a template of tenant {@code spec}, its partials as includes. */
        public TemplateSource source() {
            return new TemplateSource() {
                @Override
                public String tenant() {
                    return "spec";
                }

                @Override
                public String name() {
                    return "spec";
                }

                @Override
                public String text() {
                    return template;
                }

                @Override
                public Optional<String> include(String include) {
                    return Optional.ofNullable(partials.get(include));
                }
            };
        }
    }

    /** What rendering gave: the output, or the failure. */
    public record Outcome(String output, boolean failed) {

        public boolean passes(SpecCase c) {
            return !failed && output.equals(c.expected());
        }
    }

    private SpecCases() {
    }

    /** From {@code mustache.spec.dir} (the build sets it), else this module's copy. */
    @SuppressWarnings("unchecked")
    public static List<SpecCase> load() throws IOException {
        Path spec = Path.of(System.getProperty("mustache.spec.dir", "src/test/resources/mustache-spec"));
        ObjectMapper json = new ObjectMapper();
        List<SpecCase> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(spec)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json") && !f.toString().contains("lambdas"))
                    .sorted().toList()) {
                Map<String, Object> content = json.readValue(file.toFile(), Map.class);
                for (Map<String, Object> test : (List<Map<String, Object>>) content.get("tests")) {
                    if (!(test.get("data") instanceof Map)) {
                        continue;
                    }
                    cases.add(new SpecCase(file.getFileName().toString(), (String) test.get("name"), test.get("data"),
                            (String) test.get("template"),
                            (Map<String, String>) test.getOrDefault("partials", Map.of()), (String) test.get("expected")));
                }
            }
        }
        return cases;
    }

    /** Stock Mustache.java, as a user would call it. */
    public static Outcome plain(SpecCase c) {
        try {
            DefaultMustacheFactory factory = new DefaultMustacheFactory(name -> {
                String partial = c.partials().get(RepositoryMustacheFactory.strip(name));
                return partial == null ? null : new StringReader(partial);
            });
            Mustache mustache = factory.compile(new StringReader(c.template()), "spec.mustache");
            StringWriter out = new StringWriter();
            mustache.execute(out, c.data()).flush();
            return new Outcome(out.toString(), false);
        } catch (RuntimeException | IOException | StackOverflowError e) {
            return new Outcome(null, true);
        }
    }

    /** An engine's compile and render. */
    @SuppressWarnings("unchecked")
    public static Outcome engine(TemplateEngine engine, SpecCase c) {
        try {
            StringWriter out = new StringWriter();
            engine.compile(c.source()).execute((Map<String, Object>) c.data(), out);
            return new Outcome(out.toString(), false);
        } catch (RuntimeException | IOException | StackOverflowError e) {
            return new Outcome(null, true);
        }
    }
}
