package io.memtune.optimizer.core;

import java.io.IOException;
import java.lang.reflect.Array;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * {@code {{#name}}} and {@code {{^name}}}, with Mustache.java's truth: null, false, "" and empty lists,
 * iterables, iterators and arrays are false; a list renders its body once per element with the element
 * pushed (a null element is not pushed); any other value, true included, renders it once with the value pushed.
 */
final class SectionNode extends Node {

    final Name name;
    final boolean inverted;
    final Object[] body;

    SectionNode(Name name, boolean inverted, Object[] body) {
        this.name = name;
        this.inverted = inverted;
        this.body = body;
    }

    @Override
    void render(Frame frame) throws IOException {
        Object value = frame.lookup(name);
        ValueKind kind = value == null ? null : ValueKind.of(value);
        if (kind == ValueKind.LAMBDA) {
            Frame.refuseLambda(value, name);
        }
        if (inverted) {
            if (isFalse(value, kind)) {
                Node.render(body, frame);
            }
            return;
        }
        if (value == null || value instanceof Boolean b && !b || value instanceof String s && s.isEmpty()) {
            return;
        }
        switch (kind) {
            case LIST -> {
                List<?> list = (List<?>) value;
                for (int i = 0, n = list.size(); i < n; i++) {
                    each(coerce(list.get(i)), frame);
                }
            }
            case ITERABLE -> {
                for (Object item : (Iterable<?>) value) {
                    each(coerce(item), frame);
                }
            }
            case ITERATOR -> {
                Iterator<?> iterator = (Iterator<?>) value;
                while (iterator.hasNext()) {
                    each(coerce(iterator.next()), frame);
                }
            }
            case ARRAY -> {
                for (int i = 0, n = Array.getLength(value); i < n; i++) {
                    each(coerce(Array.get(value, i)), frame);
                }
            }
            default -> each(value, frame);
        }
    }

    private void each(Object item, Frame frame) throws IOException {
        boolean pushed = frame.push(item);
        Node.render(body, frame);
        if (pushed) {
            frame.pop();
        }
    }

    static Object coerce(Object value) {
        return value instanceof Optional<?> o ? o.map(SectionNode::coerce).orElse(null) : value;
    }

    private static boolean isFalse(Object value, ValueKind kind) {
        if (value == null) {
            return true;
        }
        if (value instanceof Boolean b) {
            return !b;
        }
        if (value instanceof String s) {
            return s.isEmpty();
        }
        return switch (kind) {
            case LIST -> ((List<?>) value).isEmpty();
            case ITERABLE -> !((Iterable<?>) value).iterator().hasNext();
            case ITERATOR -> !((Iterator<?>) value).hasNext();
            case ARRAY -> Array.getLength(value) == 0;
            default -> false;
        };
    }
}
