package io.memtune.config.core;

/** The property types Config Admin and Metatype know, as far as an environment file can express them. */
public enum ValueType {
    STRING, LONG, INTEGER, SHORT, BYTE, CHARACTER, DOUBLE, FLOAT, BOOLEAN,
    /** A string that must never be shown: masked in every listing. */
    PASSWORD;

    public boolean isIntegral() {
        return this == LONG || this == INTEGER || this == SHORT || this == BYTE;
    }

    public boolean isDecimal() {
        return this == DOUBLE || this == FLOAT;
    }

    /** Words an operator understands, for messages: "an integer", "a boolean". */
    public String describe() {
        switch (this) {
            case LONG: case INTEGER: case SHORT: case BYTE: return "an integer";
            case DOUBLE: case FLOAT: return "a number";
            case BOOLEAN: return "a boolean";
            case CHARACTER: return "a single character";
            default: return "a string";
        }
    }
}
