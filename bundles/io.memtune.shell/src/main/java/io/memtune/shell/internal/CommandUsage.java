package io.memtune.shell.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;

/**
 * The usage of a Gogo command, written from its methods' {@link Descriptor} and
 * {@link org.apache.felix.service.command.Parameter} annotations: one synopsis per overload, then what each
 * argument is. What the operator sees instead of Gogo's {@code Cannot coerce render(Token, Token) to any of ...}.
 */
final class CommandUsage {

    private static final String MAIN = "_main";

    private CommandUsage() {
    }

    /**
     * @param scope the command's scope, e.g. {@code memtune}
     * @param function the function name, e.g. {@code render}
     * @param type the command object's class
     * @return the usage; an empty string when the class has no public method of that name
     */
    static String of(String scope, String function, Class<?> type) {
        List<Method> overloads = Arrays.stream(type.getMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getDeclaringClass() != Object.class && runs(m, function))
                .sorted(Comparator.comparingInt(Method::getParameterCount)).toList();
        StringBuilder out = new StringBuilder();
        for (Method m : overloads) {
            out.append(out.length() == 0 ? "usage: " : "       ")
                    .append(scope).append(':').append(function).append(synopsis(m)).append('\n');
            Descriptor what = m.getAnnotation(Descriptor.class);
            if (what != null) {
                out.append("         ").append(what.value()).append('\n');
            }
            for (Parameter p : arguments(m)) {
                Descriptor d = p.getAnnotation(Descriptor.class);
                out.append(String.format(Locale.ROOT, "           %-18s %s%n", name(p), d == null ? typeName(p) : d.value()));
            }
        }
        return out.toString();
    }

    /** {@code  [--all] <rule> <duration>}: options in brackets, positional arguments in angle brackets. */
    private static String synopsis(Method m) {
        StringBuilder s = new StringBuilder();
        for (Parameter p : arguments(m)) {
            org.apache.felix.service.command.Parameter option = p.getAnnotation(org.apache.felix.service.command.Parameter.class);
            if (option == null) {
                s.append(" <").append(name(p)).append('>');
            } else if (org.apache.felix.service.command.Parameter.UNSPECIFIED.equals(option.presentValue())) {
                s.append(" [").append(option.names()[0]).append(' ').append(valueName(p)).append(']');
            } else {
                s.append(" [").append(option.names()[0]).append(']');
            }
        }
        return s.toString();
    }

    /**
     * Whether Gogo runs this method for the function: same name ignoring case, {@code _name} (Java keywords), or
     * {@code _main}, which hyphenated commands use (Gogo passes the command's name as its first argument).
     */
    private static boolean runs(Method m, String function) {
        String name = m.getName().toLowerCase(Locale.ROOT);
        return name.equals(function.toLowerCase(Locale.ROOT)) || name.equals("_" + function.toLowerCase(Locale.ROOT))
                || name.equals(MAIN);
    }

    /** The arguments an operator types: not the session Gogo injects, nor the name it gives {@code _main}. */
    private static List<Parameter> arguments(Method m) {
        List<Parameter> all = Arrays.stream(m.getParameters()).filter(p -> p.getType() != CommandSession.class).toList();
        return m.getName().equals(MAIN) && !all.isEmpty() ? all.subList(1, all.size()) : all;
    }

    private static String name(Parameter p) {
        org.apache.felix.service.command.Parameter option = p.getAnnotation(org.apache.felix.service.command.Parameter.class);
        if (option != null) {
            return option.names()[0];
        }
        // real names when compiled with -parameters (the build does), else the type
        return p.isNamePresent() ? p.getName() : typeName(p);
    }

    private static String valueName(Parameter p) {
        return p.isNamePresent() ? p.getName() : typeName(p);
    }

    private static String typeName(Parameter p) {
        return p.getType().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
