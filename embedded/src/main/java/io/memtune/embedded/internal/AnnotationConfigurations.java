package io.memtune.embedded.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the component property types (the nested {@code @interface Config}s) from plain properties, the way
 * Declarative Services does (OSGi Compendium 112.8.2): element names map to keys ({@code snapshot_interval_ms}
 * reads {@code snapshot.interval.ms}), values convert to the element's type, and an absent key gives the element's
 * default. A value that does not convert fails naming the PID, the key and the value, not at first use.
 */
public final class AnnotationConfigurations {

    private AnnotationConfigurations() {
    }

    public static <A extends Annotation> A create(Class<A> type, String pid, Map<String, Object> properties) {
        if (!type.isAnnotation()) {
            throw new IllegalArgumentException(type.getName() + " is not an annotation type");
        }
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        for (Method element : type.getDeclaredMethods()) {
            String key = keyOf(element.getName());
            Object raw = properties.get(key);
            Object value;
            try {
                value = raw == null ? element.getDefaultValue() : convert(raw, element.getReturnType());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("configuration " + pid + ": " + key + " = " + describe(raw) + ": "
                        + e.getMessage(), e);
            }
            if (value == null) {
                throw new IllegalArgumentException("configuration " + pid + ": " + key + " has no value and no default");
            }
            values.put(element.getName(), value);
        }
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return type;
                case "toString":
                    return "@" + type.getName() + "(" + pid + ")";
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    Object v = values.get(method.getName());
                    return v != null && v.getClass().isArray() ? copy(v) : v;
            }
        }));
    }

    /** The DS name mapping: {@code $$} is {@code $}, a lone {@code $} vanishes, {@code __} is {@code _}, {@code _} is a dot, {@code $_$} a dash. */
    static String keyOf(String element) {
        StringBuilder key = new StringBuilder(element.length());
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c == '$') {
                if (element.startsWith("$_$", i)) {
                    key.append('-');
                    i += 2;
                } else if (element.startsWith("$$", i)) {
                    key.append('$');
                    i++;
                }
            } else if (c == '_') {
                if (element.startsWith("__", i)) {
                    key.append('_');
                    i++;
                } else {
                    key.append('.');
                }
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    static Object convert(Object raw, Class<?> type) {
        if (type.isArray()) {
            List<?> items = raw instanceof Collection<?> c ? List.copyOf(c)
                    : raw.getClass().isArray() ? Arrays.asList(boxed(raw)) : List.of(raw);
            Object array = Array.newInstance(type.getComponentType(), items.size());
            for (int i = 0; i < items.size(); i++) {
                Array.set(array, i, convert(items.get(i), type.getComponentType()));
            }
            return array;
        }
        if (raw instanceof Collection<?> c) { // a list for a single value: its first element, as DS does
            return c.isEmpty() ? null : convert(c.iterator().next(), type);
        }
        String text = String.valueOf(raw).trim();
        try {
            if (type == String.class) {
                return String.valueOf(raw);
            }
            if (type == boolean.class || type == Boolean.class) {
                if (raw instanceof Boolean) {
                    return raw;
                }
                if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("not true or false");
                }
                return Boolean.parseBoolean(text);
            }
            if (type == int.class || type == Integer.class) {
                return raw instanceof Number n ? Math.toIntExact(whole(n)) : Integer.parseInt(text);
            }
            if (type == long.class || type == Long.class) {
                return raw instanceof Number n ? whole(n) : Long.parseLong(text);
            }
            if (type == double.class || type == Double.class) {
                return raw instanceof Number n ? n.doubleValue() : Double.parseDouble(text);
            }
            if (type == float.class || type == Float.class) {
                return raw instanceof Number n ? n.floatValue() : Float.parseFloat(text);
            }
            if (type == short.class || type == Short.class) {
                return raw instanceof Number n ? (short) Math.toIntExact(whole(n)) : Short.parseShort(text);
            }
            if (type == byte.class || type == Byte.class) {
                return raw instanceof Number n ? (byte) Math.toIntExact(whole(n)) : Byte.parseByte(text);
            }
            if (type == char.class || type == Character.class) {
                if (text.length() != 1) {
                    throw new IllegalArgumentException("not one character");
                }
                return text.charAt(0);
            }
            if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(text)) {
                        return constant;
                    }
                }
                throw new IllegalArgumentException("not one of " + Arrays.toString(type.getEnumConstants()));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not " + article(type.getSimpleName()), e);
        }
        throw new IllegalArgumentException("a " + type.getName() + " element cannot be configured");
    }

    private static long whole(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (d != Math.rint(d)) {
                throw new ArithmeticException("a fraction");
            }
        }
        return n.longValue();
    }

    private static Object[] boxed(Object array) {
        Object[] items = new Object[Array.getLength(array)];
        for (int i = 0; i < items.length; i++) {
            items[i] = Array.get(array, i);
        }
        return items;
    }

    private static Object copy(Object array) {
        int length = Array.getLength(array);
        Object copy = Array.newInstance(array.getClass().getComponentType(), length);
        System.arraycopy(array, 0, copy, 0, length);
        return copy;
    }

    private static String article(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        return ("aeiou".indexOf(lower.charAt(0)) >= 0 ? "an " : "a ") + lower;
    }

    private static String describe(Object raw) {
        return raw instanceof String s ? '"' + s + '"' : String.valueOf(raw);
    }
}
