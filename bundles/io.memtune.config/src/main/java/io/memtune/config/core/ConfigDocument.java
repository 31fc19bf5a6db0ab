package io.memtune.config.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed environment file: configurations keyed by PID, in file order.
 *
 * @param fileName the file's name, used in every message about it
 * @param pids the configurations
 */
public record ConfigDocument(String fileName, Map<String, PidEntry> pids) {

    public ConfigDocument {
        pids = Collections.unmodifiableMap(new LinkedHashMap<>(pids));
    }
}
