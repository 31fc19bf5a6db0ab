package io.memtune.template.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateException.Kind;

/**
 * Render contexts from JSON, as a Mustache.java user reads them: Jackson's {@code readValue(in, Map.class)}.
 * Nesting depth is bounded (a hostile body must not exhaust the stack); a body that is not a JSON object is
 * a {@link Kind#BAD_CONTEXT} error saying what it was.
 */
public final class JsonContexts {

    private final ObjectMapper mapper;

    /** @param maxNestingDepth the deepest JSON nesting accepted */
    public JsonContexts(int maxNestingDepth) {
        this.mapper = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build())
                .build());
    }

    /** One context: a JSON object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> readObject(InputStream json) {
        try {
            Object value = mapper.readValue(json, Object.class);
            if (!(value instanceof Map)) {
                throw new TemplateException(Kind.BAD_CONTEXT, null, null,
                        "the context must be a JSON object, found " + describe(value));
            }
            return (Map<String, Object>) value;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new TemplateException(Kind.BAD_CONTEXT, null, null, 0, 0, "cannot read the context: " + e, e);
        }
    }

    /**
     * One context, reading only the properties a template can look up (see {@link PrunedJsonReader}); all of
     * them when {@code read} is null. Builds what {@link #readObject(InputStream)} builds, pruned.
     */
    public Map<String, Object> readObject(InputStream json, Set<String> read, Set<String> printed) {
        try (JsonParser parser = mapper.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                Object value = first == null ? null : mapper.readValue(parser, Object.class);
                throw new TemplateException(Kind.BAD_CONTEXT, null, null,
                        "the context must be a JSON object, found " + describe(value));
            }
            return PrunedJsonReader.readObject(parser, read, printed == null ? Set.of() : printed);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new TemplateException(Kind.BAD_CONTEXT, null, null, 0, 0, "cannot read the context: " + e, e);
        }
    }

    /** Contexts for a batch: a JSON array of objects. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> readArrayOfObjects(InputStream json) {
        try {
            Object value = mapper.readValue(json, Object.class);
            if (!(value instanceof List)) {
                throw new TemplateException(Kind.BAD_CONTEXT, null, null,
                        "a batch must be a JSON array of objects, found " + describe(value));
            }
            List<Map<String, Object>> contexts = new ArrayList<>();
            List<Object> items = (List<Object>) value;
            for (int i = 0; i < items.size(); i++) {
                if (!(items.get(i) instanceof Map)) {
                    throw new TemplateException(Kind.BAD_CONTEXT, null, null,
                            "batch item " + i + " must be a JSON object, found " + describe(items.get(i)));
                }
                contexts.add((Map<String, Object>) items.get(i));
            }
            return contexts;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new TemplateException(Kind.BAD_CONTEXT, null, null, 0, 0, "cannot read the batch: " + e, e);
        }
    }

    /** Writes a value as JSON (batch results, error bodies). */
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** For tests and tools: a JSON tree. */
    public JsonNode tree(byte[] json) throws IOException {
        return mapper.readTree(json);
    }

    private static TemplateException malformed(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
        return new TemplateException(Kind.BAD_CONTEXT, null, null, 0, 0,
                "malformed JSON" + where + ": " + e.getOriginalMessage(), e);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return value.getClass().getSimpleName();
    }
}
