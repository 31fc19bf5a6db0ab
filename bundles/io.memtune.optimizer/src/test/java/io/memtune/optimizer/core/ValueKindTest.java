package io.memtune.optimizer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class ValueKindTest {

    /** A list that is also a lambda: refused as a lambda, as the type tests in that order did. */
    @SuppressWarnings("serial")
    private static final class ListLambda extends ArrayList<Object> implements Function<Object, Object> {
        @Override
        public Object apply(Object o) {
            return o;
        }
    }

    @Test
    void decidesEachClassAsTheSectionTypeTestsDid() {
        Function<String, String> function = s -> s;
        Callable<String> callable = () -> "x";
        assertEquals(ValueKind.LAMBDA, ValueKind.of(function));
        assertEquals(ValueKind.LAMBDA, ValueKind.of(callable));
        assertEquals(ValueKind.LAMBDA, ValueKind.of(new ListLambda()));
        assertEquals(ValueKind.LIST, ValueKind.of(new ArrayList<>()));
        assertEquals(ValueKind.LIST, ValueKind.of(List.of(1)));
        assertEquals(ValueKind.ITERABLE, ValueKind.of(new ArrayDeque<>()));
        assertEquals(ValueKind.ITERATOR, ValueKind.of(List.of(1).iterator()));
        assertEquals(ValueKind.ARRAY, ValueKind.of(new int[0]));
        assertEquals(ValueKind.ARRAY, ValueKind.of(new String[0]));
        assertEquals(ValueKind.SINGLE, ValueKind.of(new LinkedHashMap<>(Map.of("a", 1))));
        assertEquals(ValueKind.SINGLE, ValueKind.of("text"));
        assertEquals(ValueKind.SINGLE, ValueKind.of(1.5));
        assertEquals(ValueKind.SINGLE, ValueKind.of(Boolean.TRUE));
    }

    @Test
    void decidesTheCommonestClassesWithoutTheClassValueAsItWould() {
        Object[] values = {"s", Boolean.FALSE, 7, new ArrayList<>(), new ListLambda()};
        for (Object value : values) {
            assertEquals(ValueKind.kindOf(value.getClass()), ValueKind.of(value), value.getClass().getName());
        }
    }

    @Test
    void decidesTheSameWhenAskedAgain() {
        Object[] values = {new ArrayList<>(), new ArrayDeque<>(), new ListLambda(), "s", 3L};
        for (Object value : values) {
            ValueKind first = ValueKind.of(value);
            for (int i = 0; i < 3; i++) {
                assertEquals(first, ValueKind.of(value), value.getClass().getName());
            }
        }
    }
}
