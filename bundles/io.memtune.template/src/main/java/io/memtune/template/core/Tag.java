package io.memtune.template.core;

/**
 * One Mustache tag found by {@link MustacheScanner}.
 *
 * @param type what kind of tag
 * @param name the name inside it, trimmed (for a partial {@code {{> header }}}: {@code header})
 * @param line 1-based line of the opening delimiter
 * @param column 1-based column of the opening delimiter
 * @param conditional whether it sits inside a section or inverted section (rendered only for some data)
 */
public record Tag(Type type, String name, int line, int column, boolean conditional) {

    public enum Type {
        VARIABLE, UNESCAPED, SECTION, INVERTED, CLOSE, PARTIAL, PARENT, BLOCK, COMMENT, DELIMITERS;

        /** Tags that open a region closed by {@code {{/name}}}. */
        boolean opens() {
            return this == SECTION || this == INVERTED || this == PARENT || this == BLOCK;
        }
    }

    /** A partial or parent whose name is computed at render time ({@code {{>*name}}}): no static dependency. */
    public boolean isDynamic() {
        return name.startsWith("*");
    }
}
