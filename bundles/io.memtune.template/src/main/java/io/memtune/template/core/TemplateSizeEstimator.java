package io.memtune.template.core;

import java.util.Collection;

/**
 * Estimates the heap a compiled Mustache.java template retains, from its sources, without walking the
 * object graph (JOL would, at a cost no cache can pay per entry). Mustache.java keeps each text segment as
 * a String (one byte a character for Latin-1 text) and builds per tag a code object, a binding with guards
 * and a template context: about {@value #BYTES_PER_TAG} bytes; each template adds its factory and parser
 * state. The constants were fitted with JOL on OpenJDK 17; TemplateSizeEstimatorTest holds the estimate
 * against JOL for text-heavy and tag-heavy templates.
 */
public final class TemplateSizeEstimator {

    static final int BYTES_PER_TAG = 380;
    static final int BYTES_PER_TEMPLATE = 2000;

    private TemplateSizeEstimator() {
    }

    /** Each text compiled once (a partial included twice is counted once: the engine caches it). */
    public static long estimate(Collection<String> texts) {
        long bytes = 0;
        for (String text : texts) {
            // text is held about one and a half times: the segments, and the source kept for error messages
            bytes += BYTES_PER_TEMPLATE + text.length() * 3L / 2 + (long) BYTES_PER_TAG * tagCount(text);
        }
        return bytes;
    }

    /** Counts opening delimiters, a close enough count of tags for an estimate. */
    static int tagCount(String text) {
        int count = 0;
        for (int i = text.indexOf("{{"); i >= 0; i = text.indexOf("{{", i + 2)) {
            count++;
        }
        return count;
    }
}
