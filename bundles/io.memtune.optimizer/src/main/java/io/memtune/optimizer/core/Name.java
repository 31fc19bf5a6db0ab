package io.memtune.optimizer.core;

import java.util.Arrays;

/**
 * A tag's name, split once at compile time ({@code a.b.c}), shared by every tag that reads it (interned).
 */
final class Name {

    final String full;
    /** The dotted segments; one element for a plain name. */
    final String[] segments;
    /** {@code {{.}}}: the current scope itself. */
    final boolean self;

    Name(String full) {
        this.full = full;
        this.self = ".".equals(full);
        this.segments = full.indexOf('.') < 0 || self ? new String[] {full} : full.split("\\.", -1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Name n && n.full.equals(full);
    }

    @Override
    public int hashCode() {
        return full.hashCode();
    }

    @Override
    public String toString() {
        return full + (segments.length > 1 ? Arrays.toString(segments) : "");
    }
}
