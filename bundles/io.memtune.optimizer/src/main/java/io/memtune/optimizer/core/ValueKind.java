package io.memtune.optimizer.core;

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

    private static final ClassValue<ValueKind> OF_CLASS = new ClassValue<>() {
        @Override
        protected ValueKind computeValue(Class<?> type) {
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
    };

    /** The kind of a value that is not null. */
    static ValueKind of(Object value) {
        return value instanceof String ? SINGLE : OF_CLASS.get(value.getClass()); // the commonest value: a class test
    }
}
