package io.memtune.config.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.memtune.config.core.ConfigValidator;
import io.memtune.config.core.ValidatedConfiguration;

/**
 * Makes Config Admin hold what an environment file says. Configurations it writes carry
 * {@link ConfigValidator#SOURCE_PROPERTY}, so that a PID removed from the file is deleted and nothing else
 * is. A PID whose values in the file did not change since the last write is left alone, so runtime edits
 * of it (shell, tuner) survive reloads caused by other PIDs; at start-up the file wins.
 *
 * <p>Not thread-safe: the caller serialises calls.
 */
final class ConfigAdminSync {

    /** Any bundle may receive these configurations (multi-location binding). */
    private static final String ANY_LOCATION = "?";

    private final ConfigurationAdmin configAdmin;
    private final Map<String, Map<String, Object>> written = new HashMap<>();

    ConfigAdminSync(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    /** What one call changed in Config Admin. */
    record Changes(List<String> updated, List<String> deleted) {
    }

    Changes apply(String source, List<ValidatedConfiguration> configurations) throws IOException {
        List<String> updated = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (ValidatedConfiguration c : configurations) {
            present.add(c.pid());
            Map<String, Object> values = c.values();
            if (sameValues(values, written.get(c.pid()))) {
                continue;
            }
            Configuration configuration = c.factoryPid() == null
                    ? configAdmin.getConfiguration(c.pid(), ANY_LOCATION)
                    : configAdmin.getFactoryConfiguration(c.factoryPid(), c.name(), ANY_LOCATION);
            Hashtable<String, Object> properties = new Hashtable<>(values);
            properties.put(ConfigValidator.SOURCE_PROPERTY, source);
            if (configuration.updateIfDifferent(properties)) {
                updated.add(c.pid());
            }
            written.put(c.pid(), values);
        }
        for (Configuration configuration : owned()) {
            try {
                String pid = configuration.getPid();
                if (!present.contains(pid)) {
                    configuration.delete();
                    deleted.add(pid);
                }
            } catch (IllegalStateException alreadyDeleted) {
                // Felix Config Admin may still list a configuration deleted a moment ago: the outcome we want
            }
        }
        // forget every PID the file no longer names, so that adding it back writes it again
        written.keySet().retainAll(present);
        return new Changes(updated, deleted);
    }

    /** The configurations the environment files own. */
    Configuration[] owned() throws IOException {
        try {
            Configuration[] owned = configAdmin.listConfigurations("(" + ConfigValidator.SOURCE_PROPERTY + "=*)");
            return owned == null ? new Configuration[0] : owned;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("constant filter", e);
        }
    }

    /** Equal keys and equal values, arrays compared by content. */
    static boolean sameValues(Map<String, ?> a, Map<String, ?> b) {
        if (a == null || b == null || !a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> Objects.deepEquals(e.getValue(), b.get(e.getKey())));
    }
}
