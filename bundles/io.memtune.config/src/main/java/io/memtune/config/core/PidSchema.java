package io.memtune.config.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The declared properties of one configuration PID (or factory PID).
 *
 * @param pid the PID or factory PID the schema is for
 * @param declaredBy who declares it (a bundle's symbolic name), for messages
 * @param attributes the properties by name
 * @param enforceRequired whether a required property without a default must be set: true for metatype
 *        written as a declaration (DS components' {@code @ObjectClassDefinition}); false for metatype that
 *        code supplies (a {@code MetaTypeProvider}), which often marks every property required without
 *        meaning it (Felix HTTP does)
 */
public record PidSchema(String pid, String declaredBy, Map<String, AttributeSchema> attributes,
        boolean enforceRequired) {

    public PidSchema {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
