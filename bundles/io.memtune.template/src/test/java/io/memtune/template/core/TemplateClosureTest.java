package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateException.Kind;

class TemplateClosureTest {

    @TempDir
    Path root;

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative + ".mustache");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private TemplateRepository repository() {
        return new TemplateRepository(root, 1 << 20);
    }

    @Test
    void tenantFilesOverrideSharedOnesEvenInsideSharedLayouts() throws IOException {
        write("_shared/layout", "[{{>header}}|{{$body}}{{/body}}]");
        write("_shared/header", "shared header");
        write("acme/header", "acme header");
        write("acme/page", "{{<layout}}{{$body}}hello{{/body}}{{/layout}}");
        TemplateClosure closure = TemplateClosure.load(repository(), "acme", "page");
        assertEquals("acme header", closure.include("header").orElseThrow());
        assertEquals("acme", closure.origins().get("header"));
        assertEquals("_shared", closure.origins().get("layout"));
    }

    @Test
    void missingPartialNamesWhatWasLookedForAndWhere() throws IOException {
        write("acme/page", "one\n  {{> sidebar }}");
        TemplateException e = assertThrows(TemplateException.class,
                () -> TemplateClosure.load(repository(), "acme", "page"));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertEquals(2, e.line());
        assertEquals(3, e.column());
        assertTrue(e.getMessage().contains("partial 'sidebar' not found (looked in acme/sidebar.mustache and"
                + " _shared/sidebar.mustache)"), e.getMessage());
    }

    @Test
    void syntaxErrorNamesTenantTemplateLineAndColumn() throws IOException {
        write("_shared/footer", "ok\n{{#x}}never closed");
        write("acme/page", "{{>footer}}");
        TemplateException e = assertThrows(TemplateException.class,
                () -> TemplateClosure.load(repository(), "acme", "page"));
        assertEquals(Kind.COMPILE_ERROR, e.kind());
        assertEquals("footer", e.template());
        assertTrue(e.getMessage().startsWith("_shared/footer (for acme):2:1: 'x' is opened here and never closed"),
                e.getMessage());
    }

    @Test
    void cycleOfParentsIsReportedNotOverflowed() throws IOException {
        write("acme/a", "{{<b}}{{/b}}");
        write("acme/b", "{{<a}}{{/a}}");
        TemplateException e = assertThrows(TemplateException.class, () -> TemplateClosure.load(repository(), "acme", "a"));
        assertEquals(Kind.COMPILE_ERROR, e.kind());
        assertTrue(e.getMessage().contains("cycle of parents a -> b -> a"), e.getMessage());
    }

    @Test
    void unconditionalCycleOfPartialsIsReported() throws IOException {
        write("acme/a", "{{>b}}");
        write("acme/b", "x{{>c}}");
        write("acme/c", "{{>b}}");
        TemplateException e = assertThrows(TemplateException.class, () -> TemplateClosure.load(repository(), "acme", "a"));
        assertTrue(e.getMessage().contains("cycle of partials b -> c -> b"), e.getMessage());
    }

    @Test
    void recursionGuardedBySectionIsAllowed() throws IOException {
        write("acme/tree", "{{name}}{{#children}}{{>tree}}{{/children}}");
        assertEquals(1, TemplateClosure.load(repository(), "acme", "tree").texts().size());
    }

    @Test
    void refusesNamesThatLeaveTheRepository() throws IOException {
        write("acme/page", "{{>../../etc/passwd}}");
        assertEquals(Kind.NOT_FOUND, assertThrows(TemplateException.class,
                () -> TemplateClosure.load(repository(), "acme", "page")).kind());
    }
}
