package io.memtune.template.core;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/** Counts the characters written through it, so output sizes are measured without holding the output. */
public final class CountingWriter extends FilterWriter {

    private long count;

    public CountingWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        out.write(c);
        count++;
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        out.write(buffer, offset, length);
        count += length;
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        out.write(text, offset, length);
        count += length;
    }

    public long count() {
        return count;
    }
}
