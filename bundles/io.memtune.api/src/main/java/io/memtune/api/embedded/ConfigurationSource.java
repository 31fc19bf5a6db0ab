package io.memtune.api.embedded;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where the embedded mode reads configurations: in the container Config Admin holds them; outside it the config
 * module registers one of these over the active environment file. Values are typed as the file gives them.
 */
@ConsumerType
public interface ConfigurationSource {

    /** The properties of a singleton configuration; empty when the file has none. */
    Map<String, Object> properties(String pid);

    /** The factory configurations of a factory PID: name to properties, in file order. */
    Map<String, Map<String, Object>> factoryProperties(String factoryPid);
}
