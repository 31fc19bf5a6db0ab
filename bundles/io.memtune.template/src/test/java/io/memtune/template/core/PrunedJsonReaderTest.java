package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.filter.FilteringParserDelegate;
import com.fasterxml.jackson.core.filter.TokenFilter;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The pruned reader against Jackson itself on random JSON: unpruned, exactly what {@code readValue(Object.class)}
 * builds (same types, same order); pruned, exactly what Jackson's filtering delegate with the old keep-names
 * filter built.
 */
class PrunedJsonReaderTest {

    private static final String[] NAMES = {"a", "b", "items", "name", "user", "title", "x", "the.dotted", "ünï"};
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void readsExactlyWhatJacksonBuildsWhenNothingIsPruned() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            String json = object(random, 4);
            Object expected = MAPPER.readValue(json, Object.class);
            Object actual = pruned(json, null, null);
            assertSameTree(expected, actual, json);
        }
    }

    @Test
    void prunesExactlyAsTheKeepNamesFilterDid() throws IOException {
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            String json = object(random, 4);
            Set<String> read = subset(random);
            Set<String> printed = subset(random);
            Object expected;
            try (JsonParser filtered = new FilteringParserDelegate(MAPPER.createParser(json), new KeepNamesFilter(read, printed),
                    TokenFilter.Inclusion.INCLUDE_ALL_AND_PATH, true)) {
                filtered.nextToken();
                expected = MAPPER.readValue(filtered, Map.class);
            }
            assertSameTree(expected, pruned(json, read, printed), json + " read " + read + " printed " + printed);
        }
    }

    @Test
    void skipsWhatNoNameReachesWithoutBuildingIt() throws IOException {
        Map<String, Object> context = pruned("{\"unused\": {\"deep\": [1, {\"x\": 2}]}, \"a\": {\"b\": 1, \"c\": 2}}",
                Set.of("a", "b"), Set.of("b"));
        assertEquals("{a={b=1}}", context.toString());
    }

    private static Map<String, Object> pruned(String json, Set<String> read, Set<String> printed) throws IOException {
        try (JsonParser parser = MAPPER.createParser(json.getBytes(StandardCharsets.UTF_8))) {
            parser.nextToken();
            return PrunedJsonReader.readObject(parser, read, printed == null ? Set.of() : printed, Set.of());
        }
    }

    /**
     * Equal, with the same classes at every node (a JSON object: Jackson's {@code LinkedHashMap}, the reader's
     * {@link JsonObject}) and the same order of keys.
     */
    private static void assertSameTree(Object expected, Object actual, String json) {
        assertEquals(expected, actual, json);
        assertEquals(String.valueOf(expected), String.valueOf(actual), json);
        assertEquals(classes(expected, new ArrayList<>()), classes(actual, new ArrayList<>()), json);
    }

    private static List<String> classes(Object value, List<String> into) {
        into.add(value == null ? "null" : value instanceof LinkedHashMap || value instanceof JsonObject ? "a JSON object"
                : value.getClass().getName());
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> classes(v, into));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> classes(v, into));
        }
        return into;
    }

    private static Set<String> subset(Random random) {
        Map<String, Boolean> picked = new IdentityHashMap<>();
        for (String name : NAMES) {
            if (random.nextInt(3) == 0) {
                picked.put(name, true);
            }
        }
        return Set.copyOf(picked.keySet());
    }

    private static String object(Random random, int depth) {
        StringBuilder out = new StringBuilder("{");
        for (int i = random.nextInt(5); i > 0; i--) {
            out.append('"').append(NAMES[random.nextInt(NAMES.length)]).append("\": ").append(value(random, depth - 1));
            out.append(i > 1 ? ", " : "");
        }
        return out.append('}').toString();
    }

    private static String value(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 13 : 10);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> "true";
            case 2 -> "false";
            case 3 -> "\"s" + random.nextInt(100) + "\\n\\u00e9<&>\"";
            case 4 -> Integer.toString(random.nextInt());
            case 5 -> Long.toString(random.nextLong());
            case 6 -> new BigInteger(90, random).toString();
            case 7 -> Double.toString(random.nextDouble() * 1e6);
            case 8 -> "1e308";
            case 9 -> "-0.0";
            case 10, 11 -> {
                StringBuilder list = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.append(value(random, depth - 1)).append(i > 1 ? ", " : "");
                }
                yield list.append(']').toString();
            }
            default -> object(random, depth);
        };
    }
}
