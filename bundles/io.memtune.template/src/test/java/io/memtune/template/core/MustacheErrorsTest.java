package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateException.Kind;

class MustacheErrorsTest {

    /** Recursion without end, as Mustache.java's over a template nested deeper than the stack. */
    private static int descend(int level) {
        return descend(level + 1) + 1;
    }

    @Test
    void aStackOverflowWhileCompilingIsACompileErrorAboutTheTemplate() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> MustacheErrors.compiling("acme", "deep", () -> descend(0)));
        assertEquals(Kind.COMPILE_ERROR, e.kind());
        assertEquals("acme/deep: nested too deeply (sections, partials or parents) for the thread's stack", e.getMessage());
        assertNull(e.getCause(), "thousands of identical frames help nobody");
    }

    @Test
    void aStackOverflowWhileRenderingIsARenderErrorAboutTheTemplate() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> MustacheErrors.rendering("acme", "deep", () -> descend(0)));
        assertEquals(Kind.RENDER_ERROR, e.kind());
        assertEquals("acme/deep: rendering failed: nested too deeply (sections, partials or parents) for the thread's"
                + " stack", e.getMessage());
    }
}
