package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class MustacheScannerTest {

    @Test
    void findsTagsWithLineAndColumn() {
        ScannedTemplate s = MustacheScanner.scan("t", "Hi {{name}}\n  {{#items}}{{{raw}}}{{/items}}");
        assertNull(s.error());
        List<Tag> tags = s.tags();
        assertEquals(new Tag(Tag.Type.VARIABLE, "name", 1, 4, false), tags.get(0));
        assertEquals(new Tag(Tag.Type.SECTION, "items", 2, 3, false), tags.get(1));
        assertEquals(new Tag(Tag.Type.UNESCAPED, "raw", 2, 13, true), tags.get(2));
        assertEquals(Tag.Type.CLOSE, tags.get(3).type());
    }

    @Test
    void followsDelimiterChanges() {
        ScannedTemplate s = MustacheScanner.scan("t", "{{=<% %>=}}<% name %> {{not a tag}} <%={{ }}=%>{{>footer}}");
        assertNull(s.error());
        assertEquals(List.of("name"), s.tags().stream().filter(t -> t.type() == Tag.Type.VARIABLE).map(Tag::name).toList());
        assertEquals("footer", s.includes().get(0).name());
    }

    @Test
    void anEmptyTagWhoseClosingDelimiterStartsLikeASigilIsAnEmptyVariable() {
        // found by MustacheScannerFuzzTest: the closing delimiter '#>' right after the opening one
        ScannedTemplate s = MustacheScanner.scan("t", "{{=<% #>=}}a<%#>b");
        assertNull(s.error());
        assertEquals(List.of(new Tag(Tag.Type.VARIABLE, "", 1, 13, false)),
                s.tags().stream().filter(t -> t.type() != Tag.Type.DELIMITERS).toList());
    }

    @Test
    void reportsUnclosedTagWhereItOpens() {
        ScannedTemplate s = MustacheScanner.scan("t", "line one\nline {{two");
        assertEquals(new ScannedTemplate.SyntaxError(2, 6, "unclosed tag: '{{' without '}}'"), s.error());
    }

    @Test
    void reportsSectionClosedByAnotherName() {
        ScannedTemplate.SyntaxError e = MustacheScanner.scan("t", "{{#a}}\n{{#b}}{{/a}}").error();
        assertEquals(2, e.line());
        assertEquals(7, e.column());
        assertTrue(e.message().contains("closes 'b' opened at line 2, column 1"), e.message());
    }

    @Test
    void reportsSectionNeverClosedAndCloseWithoutOpen() {
        assertEquals(1, MustacheScanner.scan("t", "{{^empty}} none").error().line());
        assertTrue(MustacheScanner.scan("t", "x {{/a}}").error().message().contains("closes nothing"));
    }

    @Test
    void rejectsMalformedDelimiterChange() {
        assertTrue(MustacheScanner.scan("t", "{{=<%=}}").error().message().contains("two delimiters"));
    }

    @Test
    void marksIncludesInsideSectionsAsConditionalButNotInsideBlocks() {
        ScannedTemplate s = MustacheScanner.scan("t", "{{<layout}}{{$body}}{{>a}}{{#x}}{{>b}}{{/x}}{{/body}}{{/layout}}");
        List<Tag> includes = s.includes();
        assertEquals(List.of("layout", "a", "b"), includes.stream().map(Tag::name).toList());
        assertFalse(includes.get(1).conditional());
        assertTrue(includes.get(2).conditional());
    }

    @Test
    void dynamicNamesAreNotStaticDependencies() {
        assertTrue(MustacheScanner.scan("t", "{{>*which}}").includes().isEmpty());
    }

    @Test
    void survivesDeepNestingWithoutRecursion() {
        String deep = "{{#a}}".repeat(10_000) + "x" + "{{/a}}".repeat(10_000);
        assertNull(MustacheScanner.scan("t", deep).error());
    }
}
