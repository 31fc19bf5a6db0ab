package io.memtune.template.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads the tags of a Mustache template with their line and column, follows delimiter changes, and finds
 * the syntax errors Mustache.java would reject (an unclosed tag, a section never closed or closed by the
 * wrong name, a malformed delimiter change), so that an error names line and column, which Mustache.java's
 * messages do not. It does not render; it is the template service's view of structure (what a template
 * includes, what is conditional) for closure checks and, later, for the optimizer's analysis.
 */
public final class MustacheScanner {

    private MustacheScanner() {
    }

    public static ScannedTemplate scan(String name, String text) {
        return new Run(name, text).scan();
    }

    /** One pass over one text. */
    private static final class Run {
        private final String name;
        private final String text;
        private final List<Tag> tags = new ArrayList<>();
        private final Deque<Tag> open = new ArrayDeque<>();
        private String openDelimiter = "{{";
        private String closeDelimiter = "}}";
        private int line = 1;
        private int column = 1;
        private int at; // text before this index has been counted into line/column

        Run(String name, String text) {
            this.name = name;
            this.text = text;
        }

        ScannedTemplate scan() {
            int pos = 0;
            while (true) {
                int start = text.indexOf(openDelimiter, pos);
                if (start < 0) {
                    break;
                }
                advanceTo(start);
                int tagLine = line;
                int tagColumn = column;
                int contentStart = start + openDelimiter.length();
                char sigil = contentStart < text.length() ? text.charAt(contentStart) : 0;
                int end;
                int tagEnd;
                Tag.Type type;
                String content;
                if (sigil == '{' && "{{".equals(openDelimiter)) {
                    end = text.indexOf("}" + closeDelimiter, contentStart + 1);
                    if (end < 0) {
                        return error(tagLine, tagColumn, "unclosed tag: '{{{' without '}}}'");
                    }
                    type = Tag.Type.UNESCAPED;
                    content = text.substring(contentStart + 1, end).trim();
                    tagEnd = end + 1 + closeDelimiter.length();
                } else if (sigil == '=') {
                    end = text.indexOf("=" + closeDelimiter, contentStart + 1);
                    if (end < 0) {
                        return error(tagLine, tagColumn, "unclosed delimiter change: '" + openDelimiter + "=' without '="
                                + closeDelimiter + "'");
                    }
                    String[] delimiters = text.substring(contentStart + 1, end).trim().split("\\s+");
                    tagEnd = end + 1 + closeDelimiter.length();
                    if (delimiters.length != 2 || delimiters[0].isEmpty() || delimiters[0].contains("=")
                            || delimiters[1].contains("=")) {
                        return error(tagLine, tagColumn, "a delimiter change names two delimiters apart, e.g. {{=<% %>=}}");
                    }
                    type = Tag.Type.DELIMITERS;
                    content = delimiters[0] + " " + delimiters[1];
                    openDelimiter = delimiters[0];
                    closeDelimiter = delimiters[1];
                } else {
                    end = text.indexOf(closeDelimiter, contentStart);
                    if (end < 0) {
                        return error(tagLine, tagColumn, "unclosed tag: '" + openDelimiter + "' without '" + closeDelimiter + "'");
                    }
                    String raw = text.substring(contentStart, end);
                    tagEnd = end + closeDelimiter.length();
                    // an empty tag: the "sigil" read was the first character of the closing delimiter (found by the
                    // fuzzer with delimiters like '<=' '}}=')
                    type = raw.isEmpty() ? Tag.Type.VARIABLE : typeOf(sigil);
                    content = (type == Tag.Type.VARIABLE ? raw : raw.substring(1)).trim();
                }
                Tag tag = new Tag(type, content, tagLine, tagColumn, insideSection());
                tags.add(tag);
                if (type.opens()) {
                    open.push(tag);
                } else if (type == Tag.Type.CLOSE) {
                    if (open.isEmpty()) {
                        return error(tagLine, tagColumn, "{{/" + content + "}} closes nothing: no section '" + content + "' is open");
                    }
                    Tag opened = open.pop();
                    if (!opened.name().equals(content)) {
                        return error(tagLine, tagColumn, "{{/" + content + "}} closes '" + opened.name() + "' opened at line "
                                + opened.line() + ", column " + opened.column());
                    }
                }
                advanceTo(tagEnd);
                pos = tagEnd;
            }
            if (!open.isEmpty()) {
                Tag unclosed = open.pop();
                return error(unclosed.line(), unclosed.column(), "'" + unclosed.name() + "' is opened here and never closed");
            }
            return new ScannedTemplate(name, tags, null);
        }

        private static Tag.Type typeOf(char sigil) {
            switch (sigil) {
                case '#': return Tag.Type.SECTION;
                case '^': return Tag.Type.INVERTED;
                case '/': return Tag.Type.CLOSE;
                case '>': return Tag.Type.PARTIAL;
                case '<': return Tag.Type.PARENT;
                case '$': return Tag.Type.BLOCK;
                case '&': return Tag.Type.UNESCAPED;
                case '!': return Tag.Type.COMMENT;
                default: return Tag.Type.VARIABLE;
            }
        }

        private boolean insideSection() {
            return open.stream().anyMatch(t -> t.type() == Tag.Type.SECTION || t.type() == Tag.Type.INVERTED);
        }

        private void advanceTo(int index) {
            for (; at < index; at++) {
                if (text.charAt(at) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
        }

        private ScannedTemplate error(int errorLine, int errorColumn, String message) {
            return new ScannedTemplate(name, tags, new ScannedTemplate.SyntaxError(errorLine, errorColumn, message));
        }
    }
}
