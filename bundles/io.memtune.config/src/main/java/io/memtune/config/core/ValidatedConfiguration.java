package io.memtune.config.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One configuration ready for Config Admin.
 *
 * @param pid the PID as written ({@code factoryPid~name} for a factory configuration)
 * @param factoryPid the factory PID, or null
 * @param name the factory configuration's name, or null
 * @param properties the typed values by key, in file order
 */
public record ValidatedConfiguration(String pid, String factoryPid, String name,
        Map<String, ValidatedValue> properties) {

    public ValidatedConfiguration {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** The values alone, as Config Admin will hold them. */
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        properties.forEach((k, v) -> values.put(k, v.value()));
        return values;
    }
}
