package io.memtune.config.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One configuration in an environment file: a PID ({@code factoryPid~name} for a factory configuration)
 * and its properties in file order.
 */
public record PidEntry(String pid, int line, int column, Map<String, RawValue> properties) {

    public PidEntry {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** The factory PID, or null for a singleton configuration. */
    public String factoryPid() {
        int tilde = pid.indexOf('~');
        return tilde < 0 ? null : pid.substring(0, tilde);
    }

    /** The factory configuration's name, or null for a singleton configuration. */
    public String factoryName() {
        int tilde = pid.indexOf('~');
        return tilde < 0 ? null : pid.substring(tilde + 1);
    }
}
