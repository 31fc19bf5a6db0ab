package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MarkdownSectionTest {

    private static final String S = MarkdownSection.START;
    private static final String E = MarkdownSection.END;

    @Test
    void onlyTheTextBetweenTheMarkersIsReplaced() {
        String doc = "# Performance\n\nhand-written\n" + S + "\nold figures\n" + E + "\n\n## After\nkept\n";
        assertEquals("# Performance\n\nhand-written\n" + S + "\nnew figures\n" + E + "\n\n## After\nkept\n",
                MarkdownSection.replace(doc, "new figures"));
    }

    @Test
    void regeneratingTheSameContentLeavesTheDocumentAsItWas() {
        String once = MarkdownSection.replace("# P\n" + S + "\n" + E + "\n", "## Load\n\n| a |\n");
        assertEquals(once, MarkdownSection.replace(once, "## Load\n\n| a |\n"));
    }

    @Test
    void aDocumentWithoutMarkersGetsTheSectionAtItsEnd() {
        assertEquals("# P\ntext\n\n" + S + "\nreport\n" + E + "\n", MarkdownSection.replace("# P\ntext", "report"));
    }

    @Test
    void aHalfMarkedDocumentIsRefusedRatherThanGuessedAt() {
        assertThrows(IllegalArgumentException.class, () -> MarkdownSection.replace("a\n" + S + "\nb\n", "x"));
        assertThrows(IllegalArgumentException.class, () -> MarkdownSection.replace("a\n" + E + "\nb\n" + S + "\n", "x"));
        assertThrows(IllegalArgumentException.class, () -> MarkdownSection.replace(S + E + S + E, "x"));
    }
}
