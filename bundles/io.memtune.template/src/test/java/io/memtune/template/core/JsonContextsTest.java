package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.memtune.api.template.TemplateException;

class JsonContextsTest {

    private final JsonContexts contexts = new JsonContexts(100);

    private static ByteArrayInputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsOnlyWhatATemplateCanReadAndWholeValuesItCanPrint() {
        Map<String, Object> context = contexts.readObject(json("{\"a\": 1, \"unused\": {\"x\": [1, 2]},"
                + " \"items\": [{\"name\": \"n\", \"junk\": 2}, {\"junk\": 3}, 7],"
                + " \"user\": {\"name\": \"u\", \"secret\": 1}, \"printed\": {\"deep\": {\"k\": 1}}, \"empty\": {}}"),
                Set.of("a", "items", "name", "user", "printed", "empty"), Set.of("printed", "name"));
        assertEquals(Map.of("a", 1, "items", List.of(Map.of("name", "n"), Map.of(), 7), "user", Map.of("name", "u"),
                "printed", Map.of("deep", Map.of("k", 1)), "empty", Map.of()), context);
    }

    @Test
    void withoutNamesEverythingIsRead() {
        Map<String, Object> context = contexts.readObject(json("{\"a\": {\"b\": [1]}}"), null, null);
        assertEquals(Map.of("a", Map.of("b", List.of(1))), context);
    }

    @Test
    void aPrunedReadStillRefusesWhatIsNotAnObject() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> contexts.readObject(json("[1, 2]"), Set.of("a"), Set.of()));
        assertEquals("the context must be a JSON object, found an array", e.getMessage());
        TemplateException malformed = assertThrows(TemplateException.class,
                () -> contexts.readObject(json("{\"a\": "), Set.of("a"), Set.of()));
        assertEquals(TemplateException.Kind.BAD_CONTEXT, malformed.kind());
    }

    @Test
    void aNullInAListWhoseSectionPrintsTheScopeMakesTheContextReadWhole() {
        // {{#items}}{{.}}{{/items}}: a null item renders its body over the scope around the section
        String body = "{\"items\": [1, null], \"other\": {\"x\": 1}}";
        Map<String, Object> whole = contexts.readObject(json(body), Set.of("items", "."), Set.of("items", "."), Set.of("items"));
        assertEquals(Map.of("items", java.util.Arrays.asList(1, null), "other", Map.of("x", 1)), whole);
        Map<String, Object> pruned = contexts.readObject(json("{\"items\": [1, 2], \"other\": {\"x\": 1}}"),
                Set.of("items", "."), Set.of("items", "."), Set.of("items"));
        assertEquals(Map.of("items", List.of(1, 2)), pruned, "without a null the read stays pruned");
    }
}
