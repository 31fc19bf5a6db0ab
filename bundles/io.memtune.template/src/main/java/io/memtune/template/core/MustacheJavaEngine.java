package io.memtune.template.core;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import com.github.mustachejava.Mustache;

import io.memtune.api.template.CompiledTemplate;
import io.memtune.api.template.TemplateEngine;
import io.memtune.api.template.TemplateSource;

/**
 * The template bundle's own engine: Mustache.java, with each partial compiled once per template instead of
 * at every inclusion (parents excepted: Mustache.java rewrites a parent's compiled form per child). Output
 * is Mustache.java's. An optimizer engine of higher ranking replaces it. (A DS component in the container;
 * the annotation is not needed at run time, so the class serves the embedded mode as it is.)
 */
@Component(service = TemplateEngine.class, property = "service.ranking:Integer=0")
public final class MustacheJavaEngine implements TemplateEngine {

    @Override
    public String name() {
        return "mustache.java";
    }

    @Override
    public CompiledTemplate compile(TemplateSource source) {
        Closure closure = walk(source);
        RepositoryMustacheFactory factory = new RepositoryMustacheFactory(
                name -> name.equals(source.name()) ? source.text() : source.include(name).orElse(null), true,
                closure.parents());
        Mustache mustache = MustacheErrors.compiling(source.tenant(), source.name(),
                () -> factory.compileTemplate(source.name(), source.text()));
        return new Compiled(source.tenant(), source.name(), mustache, TemplateSizeEstimator.estimate(closure.texts()));
    }

    /** The texts a template reaches, each once, and which of them serve as parents. */
    private record Closure(List<String> texts, Set<String> parents) {
    }

    private static Closure walk(TemplateSource source) {
        List<String> texts = new ArrayList<>();
        Set<String> parents = new HashSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(source.name()));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            String text = name.equals(source.name()) ? source.text() : source.include(name).orElse(null);
            if (text == null || !seen.add(name)) {
                continue;
            }
            texts.add(text);
            for (Tag tag : MustacheScanner.scan(name, text).includes()) {
                if (tag.type() == Tag.Type.PARENT) {
                    parents.add(tag.name());
                }
                pending.push(tag.name());
            }
        }
        return new Closure(texts, parents);
    }

    /** A compiled Mustache.java template. */
    private record Compiled(String tenant, String name, Mustache mustache, long estimatedBytes)
            implements CompiledTemplate {

        @Override
        public void execute(Map<String, ?> context, Writer out) throws IOException {
            MustacheErrors.rendering(tenant, name, () -> mustache.execute(out, context).flush());
        }
    }
}
