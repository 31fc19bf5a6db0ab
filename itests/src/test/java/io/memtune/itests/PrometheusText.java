package io.memtune.itests;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict check of the Prometheus text exposition format 0.0.4, line by line: comment lines are
 * {@code # HELP} or {@code # TYPE} of a valid name, a family's TYPE comes before its samples and once, every
 * sample has a valid name belonging to a declared family (with the {@code _count}/{@code _sum}/{@code _total}
 * suffixes its type allows), labels are well-formed with escaped values, values parse as floats, and no
 * series appears twice.
 */
final class PrometheusText {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("^# HELP (" + NAME + ") (.*)$");
    private static final Pattern TYPE = Pattern.compile("^# TYPE (" + NAME + ") (counter|gauge|summary|histogram|untyped)$");
    private static final Pattern SAMPLE = Pattern.compile(
            "^(" + NAME + ")(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\})? (\\S+)( -?\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** A parsed sample. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private PrometheusText() {
    }

    /** @throws AssertionError naming the line that breaks the format */
    static List<Sample> parse(String text) {
        Map<String, String> types = new HashMap<>();
        Set<String> series = new HashSet<>();
        java.util.ArrayList<Sample> samples = new java.util.ArrayList<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher type = TYPE.matcher(line);
                if (type.matches()) {
                    if (types.put(type.group(1), type.group(2)) != null) {
                        throw new AssertionError("line " + number + ": second TYPE for " + type.group(1));
                    }
                } else if (!HELP.matcher(line).matches()) {
                    throw new AssertionError("line " + number + ": not a HELP or TYPE comment: " + line);
                }
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("line " + number + ": not a sample: " + line);
            }
            String name = m.group(1);
            if (family(name, types) == null) {
                throw new AssertionError("line " + number + ": sample of undeclared family: " + line);
            }
            double value;
            try {
                value = parseValue(m.group(4));
            } catch (NumberFormatException e) {
                throw new AssertionError("line " + number + ": value is not a float: " + line);
            }
            Map<String, String> labels = new java.util.LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    if (labels.put(l.group(1), l.group(2)) != null) {
                        throw new AssertionError("line " + number + ": label repeated: " + line);
                    }
                }
            }
            if (!series.add(name + labels)) {
                throw new AssertionError("line " + number + ": series repeated: " + line);
            }
            samples.add(new Sample(name, labels, value));
        }
        return samples;
    }

    private static String family(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : new String[] {"_count", "_sum", "_bucket"}) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                String type = types.get(base);
                if ("summary".equals(type) || "histogram".equals(type)) {
                    return base;
                }
            }
        }
        return null;
    }

    private static double parseValue(String value) {
        switch (value) {
            case "NaN": return Double.NaN;
            case "+Inf": return Double.POSITIVE_INFINITY;
            case "-Inf": return Double.NEGATIVE_INFINITY;
            default: return Double.parseDouble(value);
        }
    }
}
