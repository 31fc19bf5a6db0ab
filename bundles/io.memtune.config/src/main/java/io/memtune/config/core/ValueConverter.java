package io.memtune.config.core;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns JSON values into the Java types Config Admin stores, as the schema declares them, and checks
 * ranges and options. Strict: a literal string is not an integer; but a string produced by interpolation
 * ({@code "$[env:PORT]"}) is parsed, since environment variables are always strings.
 */
final class ValueConverter {

    private ValueConverter() {
    }

    /**
     * @param json the value as written (scalar or array)
     * @param interpolate turns a string as written into its interpolated value
     * @param schema the declaration, or null for none (values keep their JSON types)
     * @throws IllegalArgumentException with an operator-readable reason
     */
    static Object convert(JsonNode json, Interpolation interpolate, AttributeSchema schema) {
        if (json.isArray()) {
            if (schema != null && !schema.isMultiValued()) {
                throw new IllegalArgumentException("expected a single value (" + schema.type().describe()
                        + "), found an array");
            }
            if (schema != null && json.size() > schema.maxValues()) {
                throw new IllegalArgumentException("at most " + schema.maxValues() + " values allowed, found "
                        + json.size());
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < json.size(); i++) {
                try {
                    values.add(scalar(json.get(i), interpolate, schema));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("element " + i + ": " + e.getMessage(), e);
                }
            }
            return toArray(values, schema);
        }
        Object value = scalar(json, interpolate, schema);
        return schema != null && schema.isMultiValued() ? toArray(List.of(value), schema) : value;
    }

    /** Interpolates a string as written; remembers the variables used. */
    interface Interpolation {
        String apply(String raw);
    }

    private static Object scalar(JsonNode json, Interpolation interpolate, AttributeSchema schema) {
        if (json.isNull()) {
            throw new IllegalArgumentException("null is not a value: remove the key to use the default");
        }
        if (json.isContainerNode()) {
            throw new IllegalArgumentException("nested " + (json.isArray() ? "arrays are" : "objects are")
                    + " not configuration values");
        }
        boolean interpolated = false;
        Object natural;
        if (json.isTextual()) {
            String raw = json.textValue();
            String value = interpolate.apply(raw);
            interpolated = !raw.equals(value) || raw.contains("$[");
            natural = value;
        } else if (json.isBoolean()) {
            natural = json.booleanValue();
        } else if (json.isIntegralNumber()) {
            if (!json.canConvertToLong()) {
                throw new IllegalArgumentException("integer " + json + " is out of range");
            }
            natural = json.longValue();
        } else if (json.isNumber()) {
            natural = json.doubleValue();
        } else {
            throw new IllegalArgumentException("unsupported JSON value " + json);
        }
        if (schema == null) {
            return natural;
        }
        Object typed = coerce(natural, interpolated, schema.type());
        checkRange(typed, schema);
        checkOptions(typed, schema);
        if (schema.check() != null) {
            String reason = schema.check().apply(String.valueOf(typed));
            if (reason != null && !reason.isEmpty()) {
                throw new IllegalArgumentException(reason);
            }
        }
        return typed;
    }

    private static Object coerce(Object natural, boolean interpolated, ValueType type) {
        String found = found(natural);
        if (natural instanceof String && interpolated && type != ValueType.STRING && type != ValueType.PASSWORD) {
            natural = parse((String) natural, type);
        }
        switch (type) {
            case STRING:
            case PASSWORD:
                if (natural instanceof String) {
                    return natural;
                }
                break;
            case CHARACTER:
                if (natural instanceof String && ((String) natural).length() == 1) {
                    return ((String) natural).charAt(0);
                }
                break;
            case BOOLEAN:
                if (natural instanceof Boolean) {
                    return natural;
                }
                break;
            case LONG:
            case INTEGER:
            case SHORT:
            case BYTE:
                if (natural instanceof Long) {
                    return narrow((Long) natural, type);
                }
                break;
            case DOUBLE:
                if (natural instanceof Number) {
                    return ((Number) natural).doubleValue();
                }
                break;
            case FLOAT:
                if (natural instanceof Number) {
                    return ((Number) natural).floatValue();
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("expected " + type.describe() + ", found " + found);
    }

    private static Object parse(String text, ValueType type) {
        String t = text.trim();
        try {
            if (type.isIntegral()) {
                return Long.parseLong(t);
            }
            if (type.isDecimal()) {
                return Double.parseDouble(t);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + type.describe() + ", the variable gave \"" + text + "\"");
        }
        if (type == ValueType.BOOLEAN) {
            if ("true".equalsIgnoreCase(t) || "false".equalsIgnoreCase(t)) {
                return Boolean.parseBoolean(t);
            }
            throw new IllegalArgumentException("expected a boolean, the variable gave \"" + text + "\"");
        }
        return text;
    }

    private static Object narrow(long value, ValueType type) {
        long min;
        long max;
        switch (type) {
            case INTEGER: min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; break;
            case SHORT: min = Short.MIN_VALUE; max = Short.MAX_VALUE; break;
            case BYTE: min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; break;
            default: return value;
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(value + " does not fit " + type.name().toLowerCase()
                    + " (" + min + ".." + max + ")");
        }
        switch (type) {
            case INTEGER: return (int) value;
            case SHORT: return (short) value;
            default: return (byte) value;
        }
    }

    private static void checkRange(Object value, AttributeSchema schema) {
        if (schema.min() == null && schema.max() == null) {
            return;
        }
        boolean text = value instanceof String;
        BigDecimal actual = text ? BigDecimal.valueOf(((String) value).length())
                : value instanceof Number ? new BigDecimal(value.toString()) : null;
        if (actual == null) {
            return;
        }
        String what = text ? "length " + actual : String.valueOf(value);
        if (schema.min() != null && actual.compareTo(bound(schema.min(), schema)) < 0) {
            throw new IllegalArgumentException(what + " is below the minimum " + schema.min()
                    + (schema.max() == null ? "" : " (allowed: " + schema.min() + ".." + schema.max() + ")"));
        }
        if (schema.max() != null && actual.compareTo(bound(schema.max(), schema)) > 0) {
            throw new IllegalArgumentException(what + " is above the maximum " + schema.max()
                    + (schema.min() == null ? "" : " (allowed: " + schema.min() + ".." + schema.max() + ")"));
        }
    }

    private static BigDecimal bound(String bound, AttributeSchema schema) {
        try {
            return new BigDecimal(bound.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the metatype of '" + schema.id() + "' declares a bound that is not a number: "
                    + bound);
        }
    }

    private static void checkOptions(Object value, AttributeSchema schema) {
        if (!schema.options().isEmpty() && !schema.options().contains(String.valueOf(value))) {
            throw new IllegalArgumentException("\"" + value + "\" is not one of " + schema.options());
        }
    }

    private static Object toArray(List<Object> values, AttributeSchema schema) {
        Class<?> type = schema != null ? javaType(schema.type()) : commonType(values);
        Object array = Array.newInstance(type, values.size());
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            Array.set(array, i, type == Double.class && v instanceof Long ? Double.valueOf((Long) v) : v);
        }
        return array;
    }

    private static Class<?> commonType(List<Object> values) {
        Class<?> common = null;
        for (Object v : values) {
            Class<?> c = v.getClass();
            if (common == null || common == c) {
                common = c;
            } else if (Number.class.isAssignableFrom(common) && Number.class.isAssignableFrom(c)) {
                common = Double.class;
            } else {
                throw new IllegalArgumentException("array mixes " + simple(common) + " and " + simple(c)
                        + ": Config Admin arrays hold one type");
            }
        }
        return common == null ? String.class : common;
    }

    static Class<?> javaType(ValueType type) {
        switch (type) {
            case LONG: return Long.class;
            case INTEGER: return Integer.class;
            case SHORT: return Short.class;
            case BYTE: return Byte.class;
            case CHARACTER: return Character.class;
            case DOUBLE: return Double.class;
            case FLOAT: return Float.class;
            case BOOLEAN: return Boolean.class;
            default: return String.class;
        }
    }

    private static String simple(Class<?> c) {
        return c == String.class ? "strings" : c == Boolean.class ? "booleans" : "numbers";
    }

    private static String found(Object natural) {
        if (natural instanceof String) {
            return "a string \"" + natural + "\"";
        }
        if (natural instanceof Boolean) {
            return "a boolean " + natural;
        }
        return "a number " + natural;
    }
}
