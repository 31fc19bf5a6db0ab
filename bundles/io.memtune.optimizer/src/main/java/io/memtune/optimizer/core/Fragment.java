package io.memtune.optimizer.core;

/**
 * One compiled template text (a page, a partial or a parent). Fragments are content-addressed: the same
 * text whose includes resolve to the same fragments is compiled once and shared by every template and
 * tenant that includes it.
 */
final class Fragment {

    /** Set once, when linked; a recursive partial's fragment refers to itself. */
    Object[] body;
    /** The length of the text it was compiled from, for the report's floor of distinct template text. */
    final int sourceChars;
    /** Set when it is compiled as a page: what every page of this content shares. */
    volatile PageFacts page;

    Fragment(Object[] body, int sourceChars) {
        this.body = body;
        this.sourceChars = sourceChars;
    }
}
