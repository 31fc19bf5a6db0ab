package io.memtune.template.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads a JSON value straight off Jackson's streaming parser into what {@code ObjectMapper.readValue(in,
 * Object.class)} builds ({@link LinkedHashMap}, {@link ArrayList}, {@link String}, {@code Integer}/{@code Long}/
 * {@code BigInteger}, {@code Double}, {@link Boolean}, null), keeping only what a template can look up: a property
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

    private PrunedJsonReader() {
    }

    /**
     * The object whose {@code START_OBJECT} the parser is on.
     *
     * @param read every name the template can look up; null reads everything
     * @param printed the names whose values it can print whole
     */
    static Map<String, Object> readObject(JsonParser parser, Set<String> read, Set<String> printed) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            if (read == null || printed.contains(name)) {
                map.put(name, value(parser, token, null, null));
            } else if (read.contains(name)) {
                map.put(name, value(parser, token, read, printed));
            } else {
                parser.skipChildren();
            }
        }
        expect(parser, JsonToken.END_OBJECT);
        return map;
    }

    private static List<Object> readArray(JsonParser parser, Set<String> read, Set<String> printed) throws IOException {
        List<Object> list = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            list.add(value(parser, token, read, printed));
        }
        return list;
    }

    private static Object value(JsonParser parser, JsonToken token, Set<String> read, Set<String> printed) throws IOException {
        if (token == null) {
            throw new com.fasterxml.jackson.core.io.JsonEOFException(parser, null, "unexpected end of the context");
        }
        switch (token) {
            case START_OBJECT:
                return readObject(parser, read, printed);
            case START_ARRAY:
                return readArray(parser, read, printed);
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

    private static void expect(JsonParser parser, JsonToken token) throws IOException {
        if (parser.currentToken() != token) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser, "expected " + token + ", found "
                    + parser.currentToken());
        }
    }
}
