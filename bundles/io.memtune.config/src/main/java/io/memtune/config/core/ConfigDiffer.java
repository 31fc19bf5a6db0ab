package io.memtune.config.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import io.memtune.api.config.ConfigDiff;
import io.memtune.api.config.EffectiveProperty;

/**
 * Compares two environment files as written (placeholders unexpanded), property by property. Secret
 * values are masked; a difference in a secret still shows, its values do not.
 */
public final class ConfigDiffer {

    private ConfigDiffer() {
    }

    public static ConfigDiff diff(String nameA, ConfigDocument a, String nameB, ConfigDocument b) {
        List<ConfigDiff.Entry> entries = new ArrayList<>();
        TreeSet<String> pids = new TreeSet<>(a.pids().keySet());
        pids.addAll(b.pids().keySet());
        for (String pid : pids) {
            TreeMap<String, String> valuesA = values(a.pids().get(pid));
            TreeMap<String, String> valuesB = values(b.pids().get(pid));
            TreeSet<String> keys = new TreeSet<>(valuesA.keySet());
            keys.addAll(valuesB.keySet());
            for (String key : keys) {
                String va = valuesA.get(key);
                String vb = valuesB.get(key);
                if (!Objects.equals(va, vb)) {
                    boolean secret = SecretKeys.isSecret(key) || SecretKeys.hasCredentials(va) || SecretKeys.hasCredentials(vb);
                    entries.add(new ConfigDiff.Entry(pid, key, mask(va, secret), mask(vb, secret)));
                }
            }
        }
        return new ConfigDiff(nameA, nameB, entries);
    }

    private static TreeMap<String, String> values(PidEntry entry) {
        TreeMap<String, String> values = new TreeMap<>();
        if (entry != null) {
            entry.properties().forEach((k, v) -> values.put(k, v.json().toString()));
        }
        return values;
    }

    private static String mask(String value, boolean secret) {
        return value == null || !secret ? value : EffectiveProperty.MASK;
    }
}
