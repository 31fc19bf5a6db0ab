package io.memtune.config.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code $[env:NAME]}, {@code $[env:NAME;default=x]}, {@code $[sys:name]} and
 * {@code $[sys:name;default=x]} in string values, so that secrets and host-specific values stay out of the
 * environment files. {@code \$[} stands for a literal {@code $[}. The syntax is the one of the OSGi
 * Configurator and Apache Sling, which operators may already know.
 */
public final class Interpolator {

    private static final Pattern PLACEHOLDER =
            Pattern.compile("(\\\\?)\\$\\[(env|sys):([^;\\]]*)(?:;default=([^\\]]*))?\\]");

    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> systemProperties;

    /** The process's environment variables and system properties. */
    public static Interpolator ofProcess() {
        return new Interpolator(System::getenv, System::getProperty);
    }

    /** For tests and embedding: any sources of variables (returning null for an unset name). */
    public Interpolator(UnaryOperator<String> environment, UnaryOperator<String> systemProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    /**
     * The value with every placeholder replaced.
     *
     * @param raw the string as written
     * @return the result and the variables it used ({@code env:NAME}, or {@code env:NAME (default)})
     * @throws IllegalArgumentException when a variable is unset and has no default, or is malformed
     */
    public Result interpolate(String raw) {
        if (raw.indexOf("$[") < 0) {
            return new Result(raw, List.of());
        }
        Matcher m = PLACEHOLDER.matcher(raw);
        StringBuilder out = new StringBuilder();
        List<String> used = new ArrayList<>();
        int checkedUpTo = 0;
        while (m.find()) {
            requireNoStrayPlaceholder(raw, checkedUpTo, m.start());
            checkedUpTo = m.end();
            if (!m.group(1).isEmpty()) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group().substring(1)));
                continue;
            }
            String kind = m.group(2);
            String name = m.group(3).trim();
            String fallback = m.group(4);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("placeholder " + m.group() + " names no variable");
            }
            String value = ("env".equals(kind) ? environment : systemProperties).apply(name);
            if (value == null) {
                if (fallback == null) {
                    throw new IllegalArgumentException(("env".equals(kind) ? "environment variable " : "system property ")
                            + name + " is not set and " + m.group() + " gives no default (add ;default=...)");
                }
                value = fallback;
                used.add(kind + ":" + name + " (default)");
            } else {
                used.add(kind + ":" + name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        requireNoStrayPlaceholder(raw, checkedUpTo, raw.length());
        m.appendTail(out);
        return new Result(out.toString(), List.copyOf(used));
    }

    /** A "$[" that is neither escaped nor a well-formed placeholder is a typo, not literal text. */
    private static void requireNoStrayPlaceholder(String raw, int from, int to) {
        for (int at = raw.indexOf("$[", from); at >= 0 && at < to; at = raw.indexOf("$[", at + 1)) {
            if (at == 0 || raw.charAt(at - 1) != '\\') {
                throw new IllegalArgumentException("malformed placeholder at character " + (at + 1) + " of '" + raw
                        + "': expected $[env:NAME], $[sys:name] or either with ;default=value (\\$[ for a literal $[)");
            }
        }
    }

    /**
     * @param value the interpolated value
     * @param variables the variables read, in order; empty when the value had no placeholder
     */
    public record Result(String value, List<String> variables) {
    }
}
