package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.memtune.template.core.SpecCases.Outcome;
import io.memtune.template.core.SpecCases.SpecCase;

/**
 * Every case of the public Mustache specification, rendered by the service's engine and by plain
 * Mustache.java: the outputs (or the failures) must be the same, and every case plain Mustache.java passes
 * must pass. Skipped: lambdas (the specification gives them as code in other languages) and the few cases
 * whose root context is not an object (an array, a number): the service's contexts are JSON objects.
 */
class MustacheSpecDifferentialTest {

    private final MustacheJavaEngine engine = new MustacheJavaEngine();

    @TestFactory
    Stream<DynamicTest> engineRendersEverySpecCaseAsPlainMustacheJava() throws IOException {
        return SpecCases.load().stream().map(c -> DynamicTest.dynamicTest(c.file() + ": " + c.name(), () -> {
            Outcome plain = SpecCases.plain(c);
            Outcome ours = SpecCases.engine(engine, c);
            assertEquals(plain, ours, "engine and plain Mustache.java differ on " + c.name());
            if (plain.passes(c)) {
                assertEquals(c.expected(), ours.output());
            }
        }));
    }

    @Test
    void theEnginePassesAtLeastWhatMustacheJavaPasses() throws IOException {
        List<SpecCase> cases = SpecCases.load();
        assertTrue(cases.size() > 100, "spec cases read: " + cases.size());
        long plainPassed = cases.stream().filter(c -> SpecCases.plain(c).passes(c)).count();
        long enginePassed = cases.stream().filter(c -> SpecCases.engine(engine, c).passes(c)).count();
        System.out.printf("mustache spec: engine passes %d of %d cases, plain Mustache.java %d%n", enginePassed,
                cases.size(), plainPassed);
        assertTrue(enginePassed >= plainPassed, enginePassed + " < " + plainPassed);
        // a floor, so that the specification files or the engine cannot silently lose cases
        assertTrue(enginePassed >= 130, "engine passes only " + enginePassed);
    }
}
