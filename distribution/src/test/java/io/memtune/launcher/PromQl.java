package io.memtune.launcher;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The metric names a PromQL expression reads, found the strict way: every identifier that is not a function or
 * aggregation (followed by a parenthesis), not a keyword, not a label (inside braces, or in the label list of
 * {@code by}, {@code without}, {@code on}, {@code ignoring}, {@code group_left}, {@code group_right}), not a
 * duration, number or string, and not a Grafana variable ({@code $name}, {@code ${name}}). Enough of PromQL's
 * grammar for dashboards and rules; syntax itself is promtool's to check.
 */
final class PromQl {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan");
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    private PromQl() {
    }

    static Set<String> metricNames(String expression) {
        Set<String> names = new LinkedHashSet<>();
        String e = expression;
        int i = 0;
        while (i < e.length()) {
            char c = e.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = endOfString(e, i);
            } else if (c == '{') {
                i = close(e, i, '{', '}');
            } else if (c == '[') {
                i = close(e, i, '[', ']');
            } else if (c == '$') {
                i++;
                if (i < e.length() && e.charAt(i) == '{') {
                    i = close(e, i, '{', '}');
                } else {
                    while (i < e.length() && isWordPart(e.charAt(i))) {
                        i++;
                    }
                }
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < e.length() && Character.isDigit(e.charAt(i + 1)))) {
                while (i < e.length() && (isWordPart(e.charAt(i)) || e.charAt(i) == '.')) {
                    i++; // a number or a duration (5m, 1e3, 0x1f)
                }
            } else if (isWordStart(c)) {
                int start = i;
                while (i < e.length() && (isWordPart(e.charAt(i)) || e.charAt(i) == ':')) {
                    i++;
                }
                String word = e.substring(start, i);
                int next = skipSpace(e, i);
                String lower = word.toLowerCase(java.util.Locale.ROOT);
                if (LABEL_LISTS.contains(lower)) {
                    if (next < e.length() && e.charAt(next) == '(') {
                        i = close(e, next, '(', ')');
                    }
                } else if (KEYWORDS.contains(lower)) {
                    continue;
                } else if (next < e.length() && e.charAt(next) == '(') {
                    continue; // a function or an aggregation
                } else if (startsWithWord(e, next, "by") || startsWithWord(e, next, "without")) {
                    continue; // an aggregation with its grouping first: sum by (x) (...)
                } else {
                    names.add(word);
                }
            } else {
                i++;
            }
        }
        return names;
    }

    private static boolean startsWithWord(String e, int at, String word) {
        int end = at + word.length();
        return e.regionMatches(true, at, word, 0, word.length()) && (end == e.length() || !isWordPart(e.charAt(end)));
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static int skipSpace(String e, int i) {
        while (i < e.length() && Character.isWhitespace(e.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index after the bracket closing the one at {@code open}, strings inside skipped. */
    private static int close(String e, int open, char opening, char closing) {
        int depth = 0;
        int i = open;
        while (i < e.length()) {
            char c = e.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = endOfString(e, i);
                continue;
            }
            if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("unbalanced " + opening + " at " + open + " in: " + e);
    }

    private static int endOfString(String e, int quote) {
        char q = e.charAt(quote);
        int i = quote + 1;
        while (i < e.length() && e.charAt(i) != q) {
            i += e.charAt(i) == '\\' && q != '`' ? 2 : 1;
        }
        if (i >= e.length()) {
            throw new IllegalArgumentException("unterminated string at " + quote + " in: " + e);
        }
        return i + 1;
    }
}
