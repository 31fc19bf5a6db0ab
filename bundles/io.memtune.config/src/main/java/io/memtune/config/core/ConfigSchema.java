package io.memtune.config.core;

import java.util.Optional;

/**
 * Where validation learns what a PID may hold. In the container that is the Metatype service; outside OSGi
 * a caller may supply schemas of its own, or {@link #NONE}.
 */
public interface ConfigSchema {

    /** No schema at all: values keep their JSON types and nothing is checked against a declaration. */
    ConfigSchema NONE = new ConfigSchema() {
        @Override
        public Optional<PidSchema> find(String pid, String factoryPid) {
            return Optional.empty();
        }

        @Override
        public boolean knowsAllPids() {
            return false;
        }
    };

    /**
     * The schema of a configuration.
     *
     * @param pid the PID as written ({@code factoryPid~name} for a factory configuration)
     * @param factoryPid the factory PID, or null for a singleton configuration
     */
    Optional<PidSchema> find(String pid, String factoryPid);

    /**
     * True when a PID this schema does not know is probably a typo (every component that can be configured
     * is known); false when the schema is partial and an unknown PID says nothing.
     */
    boolean knowsAllPids();
}
