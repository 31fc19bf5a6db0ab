package io.memtune.tuner.internal;

/** Recommendations carry values as text; configurations hold typed ones. */
final class SettingValues {

    private SettingValues() {
    }

    /** The text as the type of the value it replaces (a whole number when there was none). */
    static Object typed(Object like, String value) {
        if (like instanceof Integer) {
            return Integer.valueOf(value);
        }
        if (like instanceof Long) {
            return Long.valueOf(value);
        }
        if (like instanceof Double) {
            return Double.valueOf(value);
        }
        if (like instanceof Boolean) {
            return Boolean.valueOf(value);
        }
        if (like == null && value.matches("-?\\d+")) {
            return Long.valueOf(value);
        }
        return value;
    }
}
