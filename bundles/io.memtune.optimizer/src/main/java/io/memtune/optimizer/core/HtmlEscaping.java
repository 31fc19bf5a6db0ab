package io.memtune.optimizer.core;

/**
 * Mustache.java's HTML escaping ({@code HtmlEscaper}): the characters 0 to 13 as numeric references ({@code &#10;}),
 * and {@code & < > " ' = `} as {@code &amp; &lt; &gt; &quot; &#39; &#61; &#96;}; everything else as it is.
 * {@link RenderOutput} escapes from the string itself into its buffer: Mustache.java copies every value into a new
 * {@code char[]} first, an allocation per printed value that grows with the page (a list of 300 items prints 1,000
 * values). The output is the same, character for character ({@code HtmlEscapingTest} compares the two on every
 * {@code char}).
 */
final class HtmlEscaping {

    /** The longest replacement ({@code &quot;}). */
    static final int LONGEST = 6;

    /** The replacement of each character up to {@code `}, the highest one escaped; null where it is kept. */
    private static final char[][] REPLACEMENTS = new char['`' + 1][];

    static {
        for (int c = 0; c <= 13; c++) {
            REPLACEMENTS[c] = ("&#" + c + ";").toCharArray();
        }
        REPLACEMENTS['&'] = "&amp;".toCharArray();
        REPLACEMENTS['<'] = "&lt;".toCharArray();
        REPLACEMENTS['>'] = "&gt;".toCharArray();
        REPLACEMENTS['"'] = "&quot;".toCharArray();
        REPLACEMENTS['\''] = "&#39;".toCharArray();
        REPLACEMENTS['='] = "&#61;".toCharArray();
        REPLACEMENTS['`'] = "&#96;".toCharArray();
    }

    private HtmlEscaping() {
    }

    /** What a character is written as, or null when it is written as it is. */
    static char[] replacement(char c) {
        return c < REPLACEMENTS.length ? REPLACEMENTS[c] : null;
    }
}
