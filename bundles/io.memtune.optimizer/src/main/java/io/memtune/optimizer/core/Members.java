package io.memtune.optimizer.core;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import com.github.mustachejava.reflect.ReflectionObjectHandler;
import com.github.mustachejava.util.GuardException;

/**
 * Mustache.java's member look-up on a scope that is not a map ({@code name()}, {@code getName()},
 * {@code isName()}, then a field, with its rules on public classes, private members and {@code Object}'s
 * methods), decided once per class and name and remembered, misses included. Mustache.java decides it again at
 * every render whose scopes changed class, and a miss costs it four reflective searches, each failing with an
 * exception (a third of a render's CPU inside a section over a string, a number or a list of strings).
 *
 * <p>Remembered in a {@link ClassValue} whose values hold only JDK objects (a map, {@link Method}s,
 * {@link Field}s and a plain {@code Object} for a miss): a context class of another bundle is not kept alive by
 * this bundle, and this bundle's class loader is not kept alive by {@code String.class} once it is updated.
 */
final class Members {

    /** The member a class does not have (a plain {@code Object}: see the class comment). */
    private static final Object MISSING = new Object();
    /** Resolving threw (a member Java's access checks refuse): resolved again where it is used, to throw the same. */
    private static final Object REFUSED = new Object();

    private static final Lookup LOOKUP = new Lookup();

    private static final ClassValue<ConcurrentHashMap<String, Object>> BY_CLASS = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<String, Object> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private Members() {
    }

    /** The value of {@code name} on {@code scope}, or {@link Frame#ABSENT} where the class has no such member. */
    static Object get(Object scope, String name) {
        Class<?> type = scope.getClass();
        ConcurrentHashMap<String, Object> members = BY_CLASS.get(type);
        Object member = members.get(name);
        if (member == null) {
            member = members.computeIfAbsent(name, n -> resolve(type, n));
        }
        if (member == MISSING) {
            return Frame.ABSENT;
        }
        try {
            if (member instanceof Method method) {
                return method.invoke(scope);
            }
            if (member instanceof Field field) {
                return field.get(scope);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // rare: Mustache.java's own call, for its own exception and message
        }
        return viaMustacheJava(scope, name);
    }

    private static Object resolve(Class<?> type, String name) {
        try {
            AccessibleObject member = LOOKUP.member(type, name);
            return member == null ? MISSING : member;
        } catch (RuntimeException e) {
            return REFUSED;
        }
    }

    /** Mustache.java's look-up and call on this one scope: what it throws is what a render of it throws. */
    private static Object viaMustacheJava(Object scope, String name) {
        List<Object> scopes = List.of(scope);
        try {
            return LOOKUP.find(name, scopes).call(scopes);
        } catch (GuardException e) {
            throw new IllegalStateException("a fresh look-up failed its own guard", e);
        }
    }

    /** Opens Mustache.java's member search, its rules unchanged. */
    private static final class Lookup extends ReflectionObjectHandler {
        AccessibleObject member(Class<?> type, String name) {
            return findMember(type, name);
        }
    }
}
