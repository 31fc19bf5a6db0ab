package io.memtune.template.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads a JSON value straight off Jackson's streaming parser into what {@code ObjectMapper.readValue(in,
 * Object.class)} builds ({@link ArrayList}, {@link String}, {@code Integer}/{@code Long}/{@code BigInteger},
 * {@code Double}, {@link Boolean}, null; objects as {@link JsonObject}, a map that behaves as its
 * {@link java.util.LinkedHashMap} at a fraction of the cost), keeping only what a template can look up: a property
 * whose name is none of the template's names is skipped at the parser's speed ({@link JsonParser#skipChildren()}:
 * no token of it is delivered, nothing of it is built); a property whose name can be printed whole is read with
 * everything under it (a printed map shows all its entries); arrays keep every element (their length shows in
 * sections), and objects emptied by the pruning stay (an empty map is still a map to Mustache).
 *
 * <p>Replaces a {@code FilteringParserDelegate}, which costs a filter call per token of what it keeps and still
 * tokenizes, per token, what it drops: on payloads several times larger than what a page reads, reading the context
 * through it cost more than reading it whole.
 */
final class PrunedJsonReader {

    /**
     * A list under a name whose section prints {@code {{.}}} holds a null element: that element's body prints the scope
     * around the section, which pruning does not keep whole. The caller reads the context whole instead (rare: it
     * takes a null in such a list). Without a stack trace: it is flow control.
     */
    static final class NeedsWhole extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NeedsWhole(String name) {
            super("a list '" + name + "' holds a null element", null, false, false);
        }
    }

    private PrunedJsonReader() {
    }

    /**
     * The object whose {@code START_OBJECT} the parser is on.
     *
     * @param read every name the template can look up; null reads everything
     * @param printed the names whose values it can print whole
     * @param scopePrinting the sections whose bodies print {@code {{.}}}: a list of theirs with a null element throws
     *        {@link NeedsWhole}
     */
    static Map<String, Object> readObject(JsonParser parser, Set<String> read, Set<String> printed, Set<String> scopePrinting)
            throws IOException {
        return readObject(parser, new Names(read, printed, scopePrinting));
    }

    private static Map<String, Object> readObject(JsonParser parser, Names names) throws IOException {
        Map<String, Object> map = new JsonObject();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            int decision = names.of(name);
            String nullsMatter = (decision & Names.NULLS_MATTER) != 0 ? name : null;
            switch (decision & Names.WHAT) {
                case Names.WHOLE -> map.put(name, value(parser, token, names.whole(), nullsMatter));
                case Names.PRUNED -> map.put(name, value(parser, token, names, nullsMatter));
                default -> parser.skipChildren();
            }
        }
        expect(parser, JsonToken.END_OBJECT);
        return map;
    }

    /** @param nullsMatter the name of the section the list is under when a null element in it matters, else null */
    private static List<Object> readArray(JsonParser parser, Names names, String nullsMatter) throws IOException {
        List<Object> list = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == JsonToken.VALUE_NULL && nullsMatter != null) {
                throw new NeedsWhole(nullsMatter);
            }
            // a list in the list is iterated by {{#.}} in such a section: its nulls matter alike
            list.add(value(parser, token, names, nullsMatter));
        }
        return list;
    }

    private static Object value(JsonParser parser, JsonToken token, Names names, String nullsMatter) throws IOException {
        if (token == null) {
            throw new com.fasterxml.jackson.core.io.JsonEOFException(parser, null, "unexpected end of the context");
        }
        switch (token) {
            case START_OBJECT:
                return readObject(parser, names);
            case START_ARRAY:
                return readArray(parser, names, nullsMatter);
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                // as Jackson's untyped deserializer: JSON text has no float32 or decimal type of its own
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "unexpected " + token);
        }
    }

    /**
     * What to do with a member, by its name, remembered for this read: a list's items repeat their names, and deciding
     * each afresh took two or three probes of the template's sets a member (on a list of 300 items, 3 % of a request's
     * CPU). Jackson hands out the same interned string for every occurrence of a name, so a name met again is found by
     * reference in a small table indexed by its (cached) hash; one that collides is decided again, never wrongly.
     */
    private static final class Names {

        static final int SKIP = 0;
        static final int PRUNED = 1;
        static final int WHOLE = 2;
        static final int WHAT = 3;
        static final int NULLS_MATTER = 4;
        private static final int SLOTS = 32;

        private final Set<String> read;
        private final Set<String> printed;
        private final Set<String> scopePrinting;
        private final String[] seen = new String[SLOTS];
        private final byte[] decisions = new byte[SLOTS];
        private Names whole;

        Names(Set<String> read, Set<String> printed, Set<String> scopePrinting) {
            this.read = read;
            this.printed = printed;
            this.scopePrinting = scopePrinting;
        }

        int of(String name) {
            int slot = name.hashCode() & (SLOTS - 1);
            if (seen[slot] == name) {
                return decisions[slot];
            }
            int decision = (scopePrinting.contains(name) ? NULLS_MATTER : 0)
                    | (read == null || printed.contains(name) ? WHOLE : read.contains(name) ? PRUNED : SKIP);
            seen[slot] = name;
            decisions[slot] = (byte) decision;
            return decision;
        }

        /** Everything under a printed name: read whole, the sections that print {@code {{.}}} still watched. */
        Names whole() {
            if (read == null) {
                return this;
            }
            if (whole == null) {
                whole = new Names(null, printed, scopePrinting);
            }
            return whole;
        }
    }

    private static void expect(JsonParser parser, JsonToken token) throws IOException {
        if (parser.currentToken() != token) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser, "expected " + token + ", found "
                    + parser.currentToken());
        }
    }
}
