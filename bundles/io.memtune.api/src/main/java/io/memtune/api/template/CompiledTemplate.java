package io.memtune.api.template;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

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
}
