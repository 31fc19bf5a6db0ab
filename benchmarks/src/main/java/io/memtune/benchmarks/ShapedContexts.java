package io.memtune.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The render context of every shape but {@link CorpusShape#LEAN} (whose context is {@link CorpusGenerator#CONTEXT}):
 * the names the generated pages read ({@code brand}, {@code title}, {@code user.name}, {@code items[].name/price/tags},
 * {@code year}, {@code notice}) with data of their own, and for {@link CorpusShape#API_PAYLOAD} as much again several
 * times over under names no page reads. Unread members never use a name a page looks up anywhere: a name is a name at
 * every depth to the optimizer's pruned reader, and an unread {@code name} inside an unread object would be kept.
 * Deterministic for a seed.
 */
final class ShapedContexts {

    /** Items of an API payload: a product list as a shop's API returns it. */
    static final int API_ITEMS = 8;
    /** Items of a reflective-misses context: enough strings and lists to look names up on. */
    static final int REFLECTIVE_ITEMS = 12;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Random random;

    ShapedContexts(long seed) {
        // a stream of its own: the pages' text draws from the generator's, unchanged by the shape
        this.random = new Random(seed * 31 + 17);
    }

    /** The context.json of {@code shape} (not lean), compact JSON. */
    String json(CorpusShape shape, int listItems) {
        Map<String, Object> context = switch (shape) {
            case API_PAYLOAD -> apiPayload();
            case WIDE_LISTS -> read(listItems);
            case REFLECTIVE_MISSES -> read(REFLECTIVE_ITEMS);
            case LEAN -> throw new IllegalArgumentException("the lean context is CorpusGenerator.CONTEXT");
        };
        try {
            return JSON.writeValueAsString(context) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a context of maps, lists, strings and numbers is always JSON", e);
        }
    }

    /** What the pages read, nothing else. */
    private Map<String, Object> read(int items) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("brand", capitalized(words(1)) + " " + capitalized(words(1)));
        context.put("title", capitalized(words(2)));
        context.put("user", object("name", capitalized(words(1)) + " " + capitalized(words(1))));
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", words(1 + random.nextInt(3)));
            item.put("price", random.nextBoolean() ? (Object) (1 + random.nextInt(500)) : random.nextInt(50_000) / 100.0);
            List<Object> tags = new ArrayList<>();
            for (int t = random.nextInt(4); t > 0; t--) {
                tags.add(words(1));
            }
            item.put("tags", tags);
            list.add(item);
        }
        context.put("items", list);
        context.put("year", 2000 + random.nextInt(30));
        context.put("notice", "<b>" + words(3) + "</b> & " + words(4));
        return context;
    }

    /**
     * An API's answer: what the pages read, and beside it, at every level, what they don't (identifiers, long
     * descriptions, nested objects, arrays of objects and of numbers): between 3 and 10 times as many bytes.
     */
    private Map<String, Object> apiPayload() {
        Map<String, Object> context = read(API_ITEMS);
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) context.get("user");
        user.put("id", "usr_" + hex(12));
        user.put("email", words(1) + "." + words(1) + "@example.com");
        user.put("address", object("street", words(2), "city", capitalized(words(1)), "postcode", hex(5), "country", "GB"));
        user.put("orderHistory", numbers(12, 100_000));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) context.get("items");
        for (Map<String, Object> item : items) {
            item.put("sku", "SKU-" + hex(8));
            item.put("description", words(15 + random.nextInt(30)));
            item.put("dimensions", object("width", random.nextInt(100), "height", random.nextInt(100), "unit", "cm"));
            item.put("ratings", numbers(5 + random.nextInt(10), 6));
            List<Object> variants = new ArrayList<>();
            for (int v = 1 + random.nextInt(2); v > 0; v--) {
                variants.add(object("color", words(1), "stock", random.nextInt(1000), "barcode", hex(13)));
            }
            item.put("variants", variants);
        }
        context.put("meta", object("requestId", hex(32), "apiVersion", "2024-06-01", "generatedAt", "2026-01-"
                + (10 + random.nextInt(18)) + "T12:00:00Z", "cacheHit", random.nextBoolean()));
        List<Object> recommendations = new ArrayList<>();
        for (int r = 2 + random.nextInt(3); r > 0; r--) {
            recommendations.add(object("id", hex(10), "headline", words(6), "summary", words(20 + random.nextInt(20)),
                    "score", random.nextInt(1000) / 1000.0));
        }
        context.put("recommendations", recommendations);
        context.put("analytics", object("sessionId", hex(24), "pageViews", numbers(20, 10_000), "experiment", words(2)));
        return context;
    }

    /** A JSON object with its members in the order given (Map.of's order changes from one JVM to the next). */
    private static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private List<Object> numbers(int count, int bound) {
        List<Object> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(random.nextInt(bound));
        }
        return numbers;
    }

    private String words(int count) {
        return CorpusGenerator.sentence(random, count);
    }

    private String hex(int digits) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            s.append(Character.forDigit(random.nextInt(16), 16));
        }
        return s.toString();
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
