package io.memtune.optimizer.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random template trees for differential tests: pages that include shared partials and extend shared
 * layouts (a layout that extends another, blocks inside sections and inside partials), with dotted names,
 * the implicit iterator, standalone lines, comments and delimiter changes; and random JSON-like contexts
 * over the same names (maps, lists, strings with markup, numbers, booleans, nulls, empty values), and names
 * that resolve on the members of the scope's class, or miss there.
 */
final class RandomTemplates {

    /** With names that strings, numbers and lists answer by their members (length(), size(), isEmpty()). */
    private static final String[] NAMES = {"a", "b", "items", "flag", "user", "user.name", "a.b", "name", ".", "length",
            "size", "empty", "a.length", "items.size"};
    private static final String[] TEXT = {"x", " ", "\n", "<b>", "  ", "&", "'q'", "\r\n", "é", "{x", "y}"};
    private static final String[] BLOCKS = {"title", "body", "side"};

    private final Random random;
    /** Partials p0..p3 (p_i includes only p_j, j > i: no recursion) and layouts l0..l2. */
    final Map<String, String> includes = new LinkedHashMap<>();

    RandomTemplates(long seed) {
        this.random = new Random(seed);
        for (int i = 3; i >= 0; i--) {
            includes.put("p" + i, body(2, i + 1, false));
        }
        includes.put("l0", "<html>{{$title}}T{{/title}}\n{{#a}}{{$body}}B{{/body}}{{/a}}\n{{>p3}}{{$side}}S{{/side}}</html>");
        includes.put("l1", "{{<l0}}{{$title}}L1 {{$side}}inner{{/side}}{{/title}}{{$body}}" + body(1, 2, true) + "{{/body}}{{/l0}}");
        includes.put("l2", "{{^flag}}{{$title}}" + body(1, 1, false) + "{{/title}}{{/flag}}{{>p2}}{{$body}}b2{{/body}}");
    }

    String page() {
        if (random.nextInt(3) == 0) {
            return body(3, 0, true);
        }
        String layout = "l" + random.nextInt(3);
        StringBuilder page = new StringBuilder("{{<" + layout + "}}\n");
        for (String block : BLOCKS) {
            if (random.nextBoolean()) {
                page.append("{{$").append(block).append("}}").append(body(2, 0, true)).append("{{/").append(block).append("}}\n");
            }
        }
        return page.append("{{/").append(layout).append("}}").append(random.nextBoolean() ? "tail\n" : "").toString();
    }

    /** A sequence of elements; {@code firstPartial} bounds which partials it may include. */
    private String body(int depth, int firstPartial, boolean blocks) {
        StringBuilder out = new StringBuilder();
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(depth > 0 ? 12 : 7);
            String name = NAMES[random.nextInt(NAMES.length)];
            switch (kind) {
                case 0, 1, 2 -> out.append(TEXT[random.nextInt(TEXT.length)]);
                case 3 -> out.append("{{").append(name).append("}}");
                case 4 -> out.append(random.nextBoolean() ? "{{{" + name + "}}}" : "{{& " + name + " }}");
                case 5 -> out.append("{{! a comment }}");
                case 6 -> out.append(firstPartial < 4 ? "{{>p" + (firstPartial + random.nextInt(4 - firstPartial)) + "}}" : "z");
                case 7, 8 -> {
                    String section = name.equals(".") ? "items" : name;
                    String open = random.nextBoolean() ? "#" : "^";
                    String nl = random.nextBoolean() ? "\n" : "";
                    out.append("{{").append(open).append(section).append("}}").append(nl).append(body(depth - 1, firstPartial, blocks))
                            .append(nl).append("{{/").append(section).append("}}").append(nl);
                }
                case 9 -> out.append("{{=<% %>=}}<%").append(name).append("%><%={{ }}=%>");
                case 10 -> {
                    String block = BLOCKS[random.nextInt(BLOCKS.length)];
                    out.append(blocks ? "{{$" + block + "}}d{{/" + block + "}}" : "{{#flag}}f{{/flag}}");
                }
                default -> out.append("  {{#items}}\n  ").append(body(depth - 1, firstPartial, blocks)).append("\n  {{/items}}\n");
            }
        }
        return out.toString();
    }

    Map<String, Object> context() {
        return map(3);
    }

    private Map<String, Object> map(int depth) {
        Map<String, Object> map = new HashMap<>();
        for (String name : new String[] {"a", "b", "items", "flag", "user", "name"}) {
            if (random.nextInt(4) > 0) {
                map.put(name, value(depth));
            }
        }
        if (random.nextInt(3) == 0) {
            map.put("user.name", "dotted key");
        }
        return map;
    }

    private Object value(int depth) {
        int kind = random.nextInt(depth > 0 ? 10 : 7);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> "";
            case 3 -> "<i>" + random.nextInt(100) + "&amp;\"'`=</i>";
            case 4 -> random.nextInt(1000);
            case 5 -> random.nextDouble();
            case 6 -> List.of();
            case 7, 8 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(random.nextInt(4) == 0 ? value(0) : map(depth - 1));
                }
                yield list;
            }
            default -> map(depth - 1);
        };
    }
}
