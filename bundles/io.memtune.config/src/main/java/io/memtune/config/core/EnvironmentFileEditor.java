package io.memtune.config.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Sets one value in an environment file as a person would: only the value's text changes (or one line is
 * added), comments and layout stay. The result is checked by the caller before it is written.
 */
public final class EnvironmentFileEditor {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

    private EnvironmentFileEditor() {
    }

    /**
     * @param content the file as it is
     * @param value a String, Number or Boolean
     * @return the new content and the diff
     * @throws IllegalArgumentException when the file does not parse
     */
    public static Edit set(String fileName, String content, String pid, String key, Object value) {
        ParseResult parsed = new ConfigParser().parse(fileName, content.getBytes(StandardCharsets.UTF_8));
        if (parsed.document() == null) {
            throw new IllegalArgumentException("cannot edit " + fileName + ": " + parsed.problems().get(0));
        }
        String json;
        try {
            json = JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a configuration value: " + value, e);
        }
        PidEntry entry = parsed.document().pids().get(pid);
        String updated;
        if (entry != null && entry.properties().containsKey(key)) {
            RawValue raw = entry.properties().get(key);
            int start = offset(content, raw.line(), raw.column());
            int end = start + length(content.substring(start));
            updated = content.substring(0, start) + json + content.substring(end);
        } else if (entry != null) {
            int brace = content.indexOf('{', offset(content, entry.line(), entry.column()));
            boolean empty = content.substring(brace + 1).stripLeading().startsWith("}");
            updated = content.substring(0, brace + 1) + "\n    \"" + key + "\": " + json + (empty ? "\n  " : ",")
                    + content.substring(brace + 1);
        } else {
            int last = content.lastIndexOf('}');
            boolean empty = parsed.document().pids().isEmpty();
            String before = content.substring(0, last).stripTrailing();
            updated = before + (empty ? "" : ",") + "\n  \"" + pid + "\": {\n    \"" + key + "\": " + json + "\n  }\n"
                    + content.substring(last);
        }
        return new Edit(updated, diff(fileName, content, updated));
    }

    /** @param content the new file @param diff the changed lines, {@code -} old and {@code +} new */
    public record Edit(String content, String diff) {
    }

    private static int offset(String content, int line, int column) {
        int at = 0;
        for (int l = 1; l < line; l++) {
            at = content.indexOf('\n', at) + 1;
        }
        return at + column - 1;
    }

    /** The length of the JSON value at the start of {@code text}. */
    private static int length(String text) {
        // inside an array, as it stands in the file: a root-level value may not be followed by a comma
        try (JsonParser p = JSON.getFactory().createParser("[" + text)) {
            p.nextToken();
            p.nextToken();
            p.skipChildren();
            p.finishToken(); // Jackson reads a string's text lazily: until then its location is the opening quote
            return (int) p.currentLocation().getCharOffset() - 1;
        } catch (IOException e) {
            throw new IllegalStateException("the value parsed before", e);
        }
    }

    private static String diff(String file, String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        int head = 0;
        while (head < a.length && head < b.length && a[head].equals(b[head])) {
            head++;
        }
        int tailA = a.length - 1;
        int tailB = b.length - 1;
        while (tailA >= head && tailB >= head && a[tailA].equals(b[tailB])) {
            tailA--;
            tailB--;
        }
        List<String> lines = new ArrayList<>();
        lines.add("--- " + file + " (line " + (head + 1) + ")");
        for (int i = head; i <= tailA; i++) {
            lines.add("-" + a[i]);
        }
        for (int i = head; i <= tailB; i++) {
            lines.add("+" + b[i]);
        }
        return String.join("\n", lines);
    }
}
