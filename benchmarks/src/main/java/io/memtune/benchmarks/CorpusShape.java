package io.memtune.benchmarks;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What the contexts (and, where it takes that, the pages) of a generated corpus look like: users' payloads are not
 * all the lean contexts the first figures came from.
 */
public enum CorpusShape {

    /** A small context that pages read whole: the corpus as it always was, byte for byte. */
    LEAN("lean"),
    /** The same pages on an API's payload: several times more data than they read (nested objects, arrays, long text). */
    API_PAYLOAD("api-payload"),
    /** The same pages on lists of hundreds of items: sections iterate 100 to 1,000 times. */
    WIDE_LISTS("wide-lists"),
    /**
     * Pages that look names up on strings, numbers and lists ({@code {{#name}}{{length}}{{/name}}}, dotted names
     * through lists and strings, names that miss on a string and resolve in an outer map): Mustache.java answers
     * them by reflection.
     */
    REFLECTIVE_MISSES("reflective-misses");

    private final String option;

    CorpusShape(String option) {
        this.option = option;
    }

    /** As {@code --shape} spells it. */
    public String option() {
        return option;
    }

    /** The shape {@code --shape} names; an error listing the known ones otherwise. */
    public static CorpusShape of(String option) {
        for (CorpusShape shape : values()) {
            if (shape.option.equals(option)) {
                return shape;
            }
        }
        throw new IllegalArgumentException("--shape must be one of " + options() + ", not '" + option + "'");
    }

    /** Every shape's option, in order: {@code lean|api-payload|...}. */
    public static String options() {
        return Arrays.stream(values()).map(CorpusShape::option).collect(Collectors.joining("|"));
    }

    @Override
    public String toString() {
        return option;
    }
}
