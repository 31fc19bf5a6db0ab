package io.memtune.config.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.memtune.api.config.Problem;
import io.memtune.api.config.Problem.Severity;

/**
 * Reads an environment file: a JSON object whose members are PIDs, each an object of properties whose
 * values are scalars or arrays of scalars. Comments ({@code //}, {@code /* *&#47;}) are allowed, duplicate
 * keys are not. Every value keeps its line and column so that later errors can point at it.
 *
 * <p>Thread-safe; one instance can serve every file.
 */
public final class ConfigParser {

    /** Environment files are small; anything deeper than PID/key/array is a mistake anyway. */
    private static final int MAX_NESTING = 16;

    private final ObjectMapper mapper;

    public ConfigParser() {
        JsonFactory factory = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                .build();
        this.mapper = new ObjectMapper(factory);
    }

    public ParseResult parse(String fileName, byte[] content) {
        List<Problem> problems = new ArrayList<>();
        Map<String, PidEntry> pids = new LinkedHashMap<>();
        try (JsonParser p = mapper.getFactory().createParser(content)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new ParseResult(null, List.of(error(fileName, 1, 1, null, null,
                        "the file is empty: an environment file is a JSON object keyed by PID, e.g. {}")));
            }
            if (first != JsonToken.START_OBJECT) {
                return new ParseResult(null, List.of(error(fileName, p.currentTokenLocation(), null, null,
                        "expected a JSON object keyed by PID at the top level, found " + describe(first))));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String pid = p.currentName();
                JsonLocation pidAt = p.currentTokenLocation();
                JsonToken value = p.nextToken();
                if (value != JsonToken.START_OBJECT) {
                    problems.add(error(fileName, p.currentTokenLocation(), pid, null,
                            "a PID maps to an object of properties, found " + describe(value)));
                    p.skipChildren();
                    continue;
                }
                Map<String, RawValue> properties = readProperties(p, fileName, pid, problems);
                pids.put(pid, new PidEntry(pid, pidAt.getLineNr(), pidAt.getColumnNr(), properties));
            }
            if (p.nextToken() != null) {
                return new ParseResult(null, List.of(error(fileName, p.currentTokenLocation(), null, null,
                        "unexpected content after the top-level object")));
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String message = e.getOriginalMessage();
            return new ParseResult(null, List.of(at == null
                    ? error(fileName, 0, 0, null, null, "malformed JSON: " + message)
                    : error(fileName, at, null, null, "malformed JSON: " + message)));
        } catch (IOException e) {
            return new ParseResult(null, List.of(error(fileName, 0, 0, null, null, "cannot read: " + e)));
        }
        return new ParseResult(new ConfigDocument(fileName, pids), problems);
    }

    private Map<String, RawValue> readProperties(JsonParser p, String fileName, String pid, List<Problem> problems)
            throws IOException {
        Map<String, RawValue> properties = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken token = p.nextToken();
            JsonLocation at = p.currentTokenLocation();
            if (token == JsonToken.START_OBJECT) {
                problems.add(error(fileName, at, pid, key,
                        "an object is not a configuration value: use a scalar or an array of scalars"));
                p.skipChildren();
                continue;
            }
            JsonNode node = mapper.readTree(p);
            properties.put(key, new RawValue(node, at.getLineNr(), at.getColumnNr()));
        }
        return properties;
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the file";
        }
        switch (token) {
            case START_ARRAY: return "an array";
            case VALUE_STRING: return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE: return "a boolean";
            case VALUE_NULL: return "null";
            default: return token.asString() == null ? token.name() : "'" + token.asString() + "'";
        }
    }

    private static Problem error(String file, JsonLocation at, String pid, String key, String message) {
        return error(file, at.getLineNr(), at.getColumnNr(), pid, key, message);
    }

    static Problem error(String file, int line, int column, String pid, String key, String message) {
        return new Problem(Severity.ERROR, file, Math.max(line, 0), Math.max(column, 0), pid, key, message);
    }
}
