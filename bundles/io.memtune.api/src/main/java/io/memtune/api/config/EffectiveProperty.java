package io.memtune.api.config;

/**
 * One property as a component sees it, and where its value came from.
 *
 * @param pid the configuration's PID ({@code factoryPid~name} for factory configurations)
 * @param key the property name
 * @param value the value (a String, a boxed primitive or an array of them); {@link #MASK} when secret
 * @param provenance where the value came from
 */
public record EffectiveProperty(String pid, String key, Object value, Provenance provenance) {

    /** What stands in place of a secret value. */
    public static final String MASK = "********";
}
