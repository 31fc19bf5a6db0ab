package io.memtune.template.core;

import java.util.Collection;

/**
 * Estimates the heap a compiled Mustache.java template retains, from its sources, without walking the
 * object graph (JOL would, at a cost no cache can pay per entry). Mustache.java keeps each text segment as
 * a String (one byte a character for Latin-1 text) and builds per tag a code object, a binding with guards
 * and a template context: about {@value #BYTES_PER_TAG} bytes, as measured with JOL on OpenJDK 17 (see
 * TemplateSizeEstimatorTest, which checks the estimate against JOL).
 */
public final class TemplateSizeEstimator {

    static final int BYTES_PER_TAG = 450;
    static final int BYTES_PER_TEMPLATE = 600;

    private TemplateSizeEstimator() {
    }

    /** Each text compiled once (a partial included twice is counted once: the engine caches it). */
    public static long estimate(Collection<String> texts) {
        long bytes = 0;
        for (String text : texts) {
            bytes += BYTES_PER_TEMPLATE + text.length() + (long) BYTES_PER_TAG * tagCount(text);
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
