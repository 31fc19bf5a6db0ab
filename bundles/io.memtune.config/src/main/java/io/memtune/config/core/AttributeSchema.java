package io.memtune.config.core;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What one property may hold, as a component's metatype declares it.
 *
 * @param id the property name
 * @param type the value type
 * @param cardinality 0 for a single value, otherwise the largest number of values (negative or
 *        {@link Integer#MAX_VALUE} for no limit, as in Metatype)
 * @param required whether the component needs a value
 * @param min the smallest value (for strings: the shortest length), or null
 * @param max the largest value (for strings: the longest length), or null
 * @param options the values allowed, or empty for any
 * @param defaults the default values, or empty for none
 * @param check a further check of one value in its string form (Metatype's {@code validate}): returns null
 *        or "" when the value is fine, otherwise the reason; null for none
 */
public record AttributeSchema(String id, ValueType type, int cardinality, boolean required, String min, String max,
        List<String> options, List<String> defaults, UnaryOperator<String> check) {

    public AttributeSchema {
        options = options == null ? List.of() : List.copyOf(options);
        defaults = defaults == null ? List.of() : List.copyOf(defaults);
    }

    public boolean isMultiValued() {
        return cardinality != 0;
    }

    /** The most values allowed. */
    public int maxValues() {
        return cardinality == 0 ? 1 : Math.abs(cardinality);
    }
}
