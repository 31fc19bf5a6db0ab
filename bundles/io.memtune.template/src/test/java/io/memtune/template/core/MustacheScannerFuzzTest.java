package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any text as a template gives tags or a syntax error with a location inside the text, never an exception
 * (the scanner reads operators' files and what they upload). Every build runs the inputs under
 * {@code src/test/resources} (regression); {@code mvn -Pfuzz} fuzzes for the time given (docs/reliability.md).
 */
class MustacheScannerFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void anyTextGivesTagsOrALocatedSyntaxError(byte[] bytes) {
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        ScannedTemplate scanned = MustacheScanner.scan("fuzz", text);
        assertNotNull(scanned.tags());
        if (scanned.error() != null) {
            long lines = text.chars().filter(c -> c == '\n').count() + 1;
            assertTrue(scanned.error().line() >= 1 && scanned.error().line() <= lines, scanned.error().toString());
        }
    }
}
