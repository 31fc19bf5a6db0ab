package io.memtune.template.core;

import java.io.IOException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.mustachejava.MustacheException;

import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateException.Kind;

/**
 * Turns Mustache.java's exceptions into {@link TemplateException}s that name tenant, template and line; and
 * its stack overflows too: it compiles and renders each level of nesting (sections, partials, parents) a few
 * frames deeper, so a hostile template of thousands of levels overflows the stack, and that must be an
 * answer about the template (422), not an error that takes the request thread's caller down (500).
 */
final class MustacheErrors {

    /** Mustache.java appends {@code @[name.mustache:line]} to its messages. */
    private static final Pattern WHERE = Pattern.compile("@\\[([^:\\]]+):(\\d+)\\]");

    private MustacheErrors() {
    }

    /** Mustache.java's compilation, with its failures as compile errors. */
    static <T> T compiling(String tenant, String template, Supplier<T> compilation) {
        try {
            return compilation.get();
        } catch (RuntimeException e) {
            throw compileError(tenant, template, e);
        } catch (StackOverflowError e) {
            throw nestedTooDeeply(Kind.COMPILE_ERROR, tenant, template);
        }
    }

    /** A rendering by Mustache.java. */
    @FunctionalInterface
    interface Rendering {
        void run() throws IOException;
    }

    /** Mustache.java's rendering, with its failures as render errors. */
    static void rendering(String tenant, String template, Rendering rendering) throws IOException {
        try {
            rendering.run();
        } catch (RuntimeException e) {
            throw renderError(tenant, template, e);
        } catch (StackOverflowError e) {
            throw nestedTooDeeply(Kind.RENDER_ERROR, tenant, template);
        }
    }

    /** Without the overflow as cause: its stack trace is thousands of frames of nothing but the same few. */
    private static TemplateException nestedTooDeeply(Kind kind, String tenant, String template) {
        return new TemplateException(kind, tenant, template, tenant + "/" + template + ": "
                + (kind == Kind.RENDER_ERROR ? "rendering failed: " : "") + "nested too deeply (sections, partials or"
                + " parents) for the thread's stack");
    }

    private static TemplateException compileError(String tenant, String template, RuntimeException e) {
        return translate(Kind.COMPILE_ERROR, tenant, template, e);
    }

    private static TemplateException renderError(String tenant, String template, RuntimeException e) {
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
