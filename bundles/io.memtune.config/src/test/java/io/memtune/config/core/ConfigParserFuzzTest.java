package io.memtune.config.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes in an environment file give a document or located problems, never an exception and never a valid
 * report for a file that did not parse. Every build runs the inputs under {@code src/test/resources} (regression);
 * {@code mvn -Pfuzz} fuzzes for the time given (see docs/reliability.md).
 */
class ConfigParserFuzzTest {

    private final ConfigLoader loader = new ConfigLoader(ConfigSchema.NONE, new Interpolator(k -> "x", k -> null));

    @FuzzTest(maxDuration = "20s")
    void anyBytesGiveADocumentOrLocatedProblems(byte[] content) {
        ParseResult parsed = new ConfigParser().parse("fuzz.json", content);
        if (parsed.document() == null) {
            assertFalse(parsed.problems().isEmpty(), "no document and no problem");
            parsed.problems().forEach(p -> assertTrue(p.line() >= 0 && p.column() >= 0, p.toString()));
        }
        ValidationOutcome outcome = loader.load("fuzz.json", content);
        if (outcome.document() == null) {
            assertFalse(outcome.report().isValid(), "valid without a document");
        }
    }
}
