package io.memtune.template.core;

import java.io.Reader;
import java.io.StringReader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

/**
 * Mustache.java's factory with the repository's naming rule: a partial or parent name resolves from the
 * tenant's root ({@code {{>header}}} is {@code header.mustache} whichever directory the including template
 * sits in), where stock Mustache.java resolves relative to the includer. Templates are read through a
 * function, never through Mustache.java's class-path lookup, which uses the wrong class loader in OSGi.
 */
class RepositoryMustacheFactory extends DefaultMustacheFactory {

    private final Set<String> uncachedPartials;
    private final ConcurrentHashMap<String, Mustache> partials;

    /**
     * @param reader the text of a template by name (without {@code .mustache}), or null when missing
     * @param cachePartials whether each partial compiles once per factory (stock Mustache.java recompiles
     *        it at every inclusion)
     * @param uncachedPartials names never served from that cache: parents, whose compiled form
     *        Mustache.java clones and rewrites per child
     */
    RepositoryMustacheFactory(Function<String, String> reader, boolean cachePartials, Set<String> uncachedPartials) {
        super(resource -> {
            String text = reader.apply(strip(resource));
            return text == null ? null : new StringReader(text);
        });
        this.partials = cachePartials ? new ConcurrentHashMap<>() : null;
        this.uncachedPartials = uncachedPartials;
    }

    @Override
    public String resolvePartialPath(String dir, String name, String extension) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        return path.endsWith(TemplateRepository.SUFFIX) ? path : path + TemplateRepository.SUFFIX;
    }

    @Override
    public Mustache compilePartial(String name) {
        if (partials == null || uncachedPartials.contains(strip(name))) {
            return super.compilePartial(name);
        }
        Mustache compiled = partials.get(name);
        if (compiled == null) {
            // not computeIfAbsent: compiling a recursive partial re-enters this method for the same name
            compiled = super.compilePartial(name);
            Mustache raced = partials.putIfAbsent(name, compiled);
            compiled = raced == null ? compiled : raced;
        }
        return compiled;
    }

    /** Compiles a top-level template by name, from its text. */
    Mustache compileTemplate(String name, String text) {
        Reader reader = new StringReader(text);
        return compile(reader, name + TemplateRepository.SUFFIX);
    }

    static String strip(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        return name.endsWith(TemplateRepository.SUFFIX) ? name.substring(0, name.length() - TemplateRepository.SUFFIX.length())
                : name;
    }
}
