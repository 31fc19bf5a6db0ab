package io.memtune.optimizer.core;

import java.io.IOException;
import java.io.Writer;

/**
 * A render's output, gathered in a small buffer and handed to the caller's writer in blocks. A page prints a
 * piece of text or a value per tag (a list of 300 items prints thousands of pieces), and each write through the
 * caller's writers (counting, then holding back and encoding in the server) is a chain of virtual calls: in the
 * server that chain cost more than the escaping itself. Gathered here, they see a few kilobyte-sized writes, as
 * Mustache.java's writers see its whole page at once. Values are escaped straight into the buffer.
 *
 * <p>What is still buffered when a render fails is dropped: the render's caller answers the failure, not the page.
 */
final class RenderOutput {

    /** Enough for a few dozen tags per block, and small enough to cost nothing to allocate per render. */
    static final int CAPACITY = 1024;

    private final Writer out;
    private final char[] chars;
    private int count;

    RenderOutput(Writer out) {
        this(out, CAPACITY);
    }

    RenderOutput(Writer out, int capacity) {
        if (capacity < HtmlEscaping.LONGEST) {
            throw new IllegalArgumentException("room for at least one escaped character: " + capacity);
        }
        this.out = out;
        this.chars = new char[capacity];
    }

    /** Text as it is. */
    void text(String text) throws IOException {
        int length = text.length();
        if (length > chars.length - count) {
            flush();
            if (length >= chars.length) {
                out.write(text); // a block of its own: no copy through the buffer
                return;
            }
        }
        text.getChars(0, length, chars, count);
        count += length;
    }

    /** A value, HTML-escaped as Mustache.java escapes it ({@link HtmlEscaping}). */
    void escaped(String text) throws IOException {
        int length = text.length();
        int i = 0;
        while (i < length) {
            if (chars.length - count < HtmlEscaping.LONGEST) {
                flush();
            }
            // as many characters as surely fit, each escaped at its longest
            int end = Math.min(length, i + (chars.length - count) / HtmlEscaping.LONGEST);
            char[] buffer = chars;
            int at = count;
            for (; i < end; i++) {
                char c = text.charAt(i);
                char[] replacement = HtmlEscaping.replacement(c);
                if (replacement == null) {
                    buffer[at++] = c;
                } else {
                    System.arraycopy(replacement, 0, buffer, at, replacement.length);
                    at += replacement.length;
                }
            }
            count = at;
        }
    }

    /** Hands what is buffered to the writer (at the end of a render). */
    void flush() throws IOException {
        if (count > 0) {
            out.write(chars, 0, count);
            count = 0;
        }
    }
}
