package io.memtune.http.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateException.Kind;

/** The contexts of a batch rendered without the execution optimizer: a JSON array of objects, nesting bounded. */
final class BatchBodies {

    private final ObjectMapper mapper;

    BatchBodies(int maxNestingDepth) {
        this.mapper = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build())
                .build());
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> read(byte[] json) {
        Object value;
        try {
            value = mapper.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new TemplateException(Kind.BAD_CONTEXT, null, null, 0, 0, "malformed JSON" + where + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new TemplateException(Kind.BAD_CONTEXT, null, null, 0, 0, "cannot read the batch: " + e, e);
        }
        if (!(value instanceof List<?> items)) {
            throw new TemplateException(Kind.BAD_CONTEXT, null, null, "a batch must be a JSON array of objects, found "
                    + describe(value));
        }
        List<Map<String, Object>> contexts = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map)) {
                throw new TemplateException(Kind.BAD_CONTEXT, null, null, "batch item " + i + " must be a JSON object, found "
                        + describe(items.get(i)));
            }
            contexts.add((Map<String, Object>) items.get(i));
        }
        return contexts;
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
        return value instanceof Boolean ? "a boolean" : "an object";
    }
}
