package io.memtune.api.template;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/** A compiled template: thread-safe, executed any number of times. */
@ConsumerType
public interface CompiledTemplate {

    /**
     * Renders the template for one context.
     *
     * @throws IOException from the writer
     * @throws TemplateException of kind RENDER_ERROR when the template fails at run time
     */
    void execute(Map<String, ?> context, Writer out) throws IOException;

    /** An estimate of the heap this compiled form retains, in bytes (the cache weighs entries by it). */
    long estimatedBytes();

    /**
     * The names this template (with its partials and parent) can look up, each dotted segment on its own,
     * so a JSON context can be read keeping only what can be rendered; null when unknown (keep everything).
     * A property is kept, with everything under it, when its name is the last segment of a variable (a
     * printed map shows all its keys); a list keeps all its elements.
     */
    default Set<String> readNames() {
        return null;
    }

    /**
     * The names whose values may be printed whole ({@code {{a.b}}} prints the value of {@code b}): a JSON
     * context keeps everything under them. Null when {@link #readNames()} is null.
     */
    default Set<String> printedNames() {
        return null;
    }

    /**
     * The sections whose bodies print {@code {{.}}}: their values are among {@link #printedNames()}, but a list under
     * one of these names that holds a null element renders that element's body over the scope around the section
     * (Mustache pushes no null), which a pruned context does not hold whole; such a context is read whole. Empty when
     * there are none. Since 1.3.
     */
    default Set<String> scopePrintingSections() {
        return Set.of();
    }
}
