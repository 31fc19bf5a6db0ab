package io.memtune.template.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.mustachejava.MustacheException;

import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateException.Kind;

/** Turns Mustache.java's exceptions into {@link TemplateException}s that name tenant, template and line. */
final class MustacheErrors {

    /** Mustache.java appends {@code @[name.mustache:line]} to its messages. */
    private static final Pattern WHERE = Pattern.compile("@\\[([^:\\]]+):(\\d+)\\]");

    private MustacheErrors() {
    }

    static TemplateException compileError(String tenant, String template, RuntimeException e) {
        return translate(Kind.COMPILE_ERROR, tenant, template, e);
    }

    static TemplateException renderError(String tenant, String template, RuntimeException e) {
        return translate(Kind.RENDER_ERROR, tenant, template, e);
    }

    private static TemplateException translate(Kind kind, String tenant, String template, RuntimeException e) {
        if (e instanceof TemplateException) {
            return (TemplateException) e;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause && cause instanceof MustacheException) {
            cause = cause.getCause();
            if (cause.getMessage() != null && !(cause instanceof MustacheException)) {
                message = message + ": " + cause.getMessage();
            }
        }
        Matcher where = WHERE.matcher(message);
        String file = template;
        int line = 0;
        if (where.find()) {
            file = RepositoryMustacheFactory.strip(where.group(1));
            line = Integer.parseInt(where.group(2));
        }
        String prefix = tenant + "/" + file + (line > 0 ? ":" + line : "") + ": ";
        return new TemplateException(kind, tenant, file, line, 0,
                prefix + (kind == Kind.RENDER_ERROR ? "rendering failed: " : "") + message, e);
    }
}
