package io.memtune.api.template;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Compiles templates: the seam through which an optimizer replaces how templates are compiled and executed.
 * The template service uses the engine service of the highest ranking; the template bundle's own engine
 * (plain Mustache.java semantics) has ranking 0. An engine must render exactly what Mustache.java renders.
 *
 * <p>Compiled templates hold classes of the engine's bundle: the service drops them all when the engine
 * goes away.
 */
@ConsumerType
public interface TemplateEngine {

    /** A short name for listings, e.g. {@code mustache.java}. */
    String name();

    /**
     * @throws TemplateException of kind COMPILE_ERROR or NOT_FOUND naming the template and, where known,
     *         line and column
     */
    CompiledTemplate compile(TemplateSource source);
}
