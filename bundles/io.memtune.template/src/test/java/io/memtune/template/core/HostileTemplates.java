package io.memtune.template.core;

/** Templates written to break a compiler, for the tests of both engines (shared through the test jar). */
public final class HostileTemplates {

    private HostileTemplates() {
    }

    /**
     * Sections nested {@code depth} deep, as a hostile or generated template may nest them: Mustache.java's
     * parser recurses per level, and with a thread's usual stack (1 MB) it overflows below 2,000 levels.
     */
    public static String nestedSections(int depth) {
        return "{{#a}}".repeat(depth) + "deep" + "{{/a}}".repeat(depth);
    }
}
