package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

import io.memtune.api.template.TemplateSource;

/**
 * Every case of the public Mustache specification, rendered by the service's engine and by plain
 * Mustache.java: the outputs (or the failures) must be the same, and every case plain Mustache.java passes
 * must pass. Skipped: lambdas (the specification gives them as code in other languages) and the few cases
 * whose root context is not an object (an array, a number): the service's contexts are JSON objects.
 */
class MustacheSpecDifferentialTest {

    private static final Path SPEC = Path.of(System.getProperty("mustache.spec.dir", "src/test/resources/mustache-spec"));

    /** One specification case. */
    private record SpecCase(String file, String name, Object data, String template, Map<String, String> partials,
            String expected) {
    }

    /** What rendering gave: the output, or the failure. */
    private record Outcome(String output, boolean failed) {
    }

    @TestFactory
    Stream<DynamicTest> engineRendersEverySpecCaseAsPlainMustacheJava() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.file() + ": " + c.name(), () -> {
            Outcome plain = plain(c);
            Outcome ours = engine(c);
            assertEquals(plain, ours, "engine and plain Mustache.java differ on " + c.name());
            if (!plain.failed() && plain.output().equals(c.expected())) {
                assertEquals(c.expected(), ours.output());
            }
        }));
    }

    @Test
    void theEnginePassesAtLeastWhatMustacheJavaPasses() throws IOException {
        List<SpecCase> cases = cases();
        assertTrue(cases.size() > 100, "spec cases read from " + SPEC.toAbsolutePath() + ": " + cases.size());
        long plainPassed = cases.stream().filter(c -> passes(plain(c), c)).count();
        long enginePassed = cases.stream().filter(c -> passes(engine(c), c)).count();
        System.out.printf("mustache spec: engine passes %d of %d cases, plain Mustache.java %d%n", enginePassed,
                cases.size(), plainPassed);
        assertTrue(enginePassed >= plainPassed, enginePassed + " < " + plainPassed);
        // a floor, so that the specification files or the engine cannot silently lose cases
        assertTrue(enginePassed >= 130, "engine passes only " + enginePassed);
    }

    private static boolean passes(Outcome outcome, SpecCase c) {
        return !outcome.failed() && outcome.output().equals(c.expected());
    }

    @SuppressWarnings("unchecked")
    private static List<SpecCase> cases() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<SpecCase> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(SPEC)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json") && !f.toString().contains("lambdas"))
                    .sorted().toList()) {
                Map<String, Object> spec = json.readValue(file.toFile(), Map.class);
                for (Map<String, Object> test : (List<Map<String, Object>>) spec.get("tests")) {
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

    private static Outcome plain(SpecCase c) {
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

    private static Outcome engine(SpecCase c) {
        TemplateSource source = new TemplateSource() {
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
                return c.template();
            }

            @Override
            public Optional<String> include(String name) {
                return Optional.ofNullable(c.partials().get(name));
            }
        };
        try {
            StringWriter out = new StringWriter();
            new MustacheJavaEngine().compile(source).execute(castMap(c.data()), out);
            return new Outcome(out.toString(), false);
        } catch (RuntimeException | IOException | StackOverflowError e) {
            return new Outcome(null, true);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object data) {
        return (Map<String, Object>) data;
    }
}
