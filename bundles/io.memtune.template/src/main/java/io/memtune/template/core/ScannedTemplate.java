package io.memtune.template.core;

import java.util.List;

/**
 * What {@link MustacheScanner} found in one template: its tags in order, or the first syntax error.
 *
 * @param name the template's name
 * @param tags the tags up to the error, if any
 * @param error the first syntax error, or null
 */
public record ScannedTemplate(String name, List<Tag> tags, SyntaxError error) {

    public ScannedTemplate {
        tags = List.copyOf(tags);
    }

    /**
     * A syntax error, located.
     *
     * @param line 1-based
     * @param column 1-based
     * @param message what is wrong
     */
    public record SyntaxError(int line, int column, String message) {
    }

    /** The partials and parents named, without dynamic names. */
    public List<Tag> includes() {
        return tags.stream()
                .filter(t -> (t.type() == Tag.Type.PARTIAL || t.type() == Tag.Type.PARENT) && !t.isDynamic())
                .toList();
    }
}
