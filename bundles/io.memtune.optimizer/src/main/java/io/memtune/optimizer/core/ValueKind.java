package io.memtune.optimizer.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * What a value's class is to a section: a lambda (refused), something to iterate, or one value. Decided once per
 * class: each {@code instanceof} of an interface that fails scans the class's list of interfaces (a map tested
 * against {@code Function}, {@code Callable}, {@code List}, {@code Iterable} and {@code Iterator} scans it five times),
 * and a page prints a value or opens a section per tag: on a list of 300 items those scans took a quarter of the
 * render's CPU.
 */
enum ValueKind {
    LAMBDA, LIST, ITERABLE, ITERATOR, ARRAY, SINGLE;

    private static final ValueKind[] KINDS = values();

    /**
     * The kind's ordinal, boxed: a value of the JDK's own, never this enum. A class's {@code ClassValue} entries live in
     * the class (a {@code LinkedHashMap}'s in the JDK's), and one holding a {@code ValueKind} would hold this bundle's
     * class loader there for as long as the JDK runs: an optimizer updated in place would never be unloaded.
     */
    private static final ClassValue<Integer> OF_CLASS = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            return kindOf(type).ordinal();
        }
    };

    /** The rule, for any class (what the {@code ClassValue} remembers). */
    static ValueKind kindOf(Class<?> type) {
        if (Function.class.isAssignableFrom(type) || Callable.class.isAssignableFrom(type)) {
            return LAMBDA;
        }
        if (List.class.isAssignableFrom(type)) {
            return LIST;
        }
        if (Iterable.class.isAssignableFrom(type)) {
            return ITERABLE;
        }
        if (Iterator.class.isAssignableFrom(type)) {
            return ITERATOR;
        }
        return type.isArray() ? ARRAY : SINGLE;
    }

    /** The kind of a value that is not null. */
    static ValueKind of(Object value) {
        // the commonest values of a JSON context first, each a test of its final class; the rest through the ClassValue
        Class<?> type = value.getClass();
        if (type == String.class || type == Boolean.class || type == Integer.class) {
            return SINGLE;
        }
        return type == ArrayList.class ? LIST : KINDS[OF_CLASS.get(type)];
    }
}
