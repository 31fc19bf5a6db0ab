package io.memtune.config.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.memtune.api.config.Problem;

class ConfigParserTest {

    private final ConfigParser parser = new ConfigParser();

    private ParseResult parse(String json) {
        return parser.parse("dev.json", json.getBytes(UTF_8));
    }

    @Test
    void keepsLineAndColumnOfEveryValue() {
        ParseResult r = parse("{\n  \"a.pid\": {\n    \"size\": 5,\n    \"names\": [\"x\", \"y\"]\n  }\n}");
        RawValue size = r.document().pids().get("a.pid").properties().get("size");
        assertEquals(3, size.line());
        assertEquals(13, size.column());
        assertEquals(4, r.document().pids().get("a.pid").properties().get("names").line());
        assertTrue(r.problems().isEmpty());
    }

    @Test
    void reportsMalformedJsonWithFileLineAndColumn() {
        ParseResult r = parse("{\n  \"a.pid\": {\n    \"size\": 5,,\n  }\n}");
        assertNull(r.document());
        Problem p = r.problems().get(0);
        assertEquals("dev.json", p.file());
        assertEquals(3, p.line());
        assertTrue(p.column() > 0);
        assertTrue(p.toString().startsWith("dev.json:3:"), p.toString());
    }

    @Test
    void rejectsDuplicateKeys() {
        ParseResult r = parse("{\"a\": {\"k\": 1, \"k\": 2}}");
        assertNull(r.document());
        assertTrue(r.problems().get(0).message().contains("Duplicate field 'k'"), r.problems().toString());
    }

    @Test
    void allowsComments() {
        ParseResult r = parse("// the dev environment\n{ /* none yet */ }");
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertTrue(r.document().pids().isEmpty());
    }

    @Test
    void rejectsTopLevelThatIsNotAnObject() {
        ParseResult r = parse("[1, 2]");
        assertNull(r.document());
        assertTrue(r.problems().get(0).message().contains("found an array"));
    }

    @Test
    void rejectsEmptyFile() {
        ParseResult r = parse("   ");
        assertNull(r.document());
        assertTrue(r.problems().get(0).message().contains("empty"));
    }

    @Test
    void rejectsObjectAsPropertyValueButKeepsTheRest() {
        ParseResult r = parse("{\"a\": {\"nested\": {\"x\": 1}, \"ok\": 2}}");
        assertEquals(1, r.problems().size());
        assertEquals("nested", r.problems().get(0).key());
        assertTrue(r.document().pids().get("a").properties().containsKey("ok"));
    }

    @Test
    void rejectsPidThatIsNotAnObject() {
        ParseResult r = parse("{\"a\": 5, \"b\": {}}");
        assertEquals("a", r.problems().get(0).pid());
        assertTrue(r.document().pids().containsKey("b"));
    }

    @Test
    void rejectsContentAfterTheObject() {
        ParseResult r = parse("{} {}");
        assertNull(r.document());
    }
}
