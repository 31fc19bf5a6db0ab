package io.memtune.config.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.memtune.api.config.EffectiveProperty;
import io.memtune.api.config.Provenance;
import io.memtune.api.config.Provenance.Source;
import io.memtune.config.core.AttributeSchema;
import io.memtune.config.core.ConfigSchema;
import io.memtune.config.core.ConfigValidator;
import io.memtune.config.core.PidSchema;
import io.memtune.config.core.SecretKeys;
import io.memtune.config.core.ValidatedConfiguration;
import io.memtune.config.core.ValidatedValue;

/**
 * Tells, for every property a component sees, where its value came from: the environment file (literal
 * or interpolated), a runtime edit in Config Admin, or the metatype default nobody overrode.
 */
final class EffectivePropertiesReader {

    /** Set by whoever edits a configuration at run time (the tuner: {@code tuner}), for provenance. */
    static final String EDITOR_PROPERTY = "memtune.config.editor";

    private static final Set<String> BOOKKEEPING = Set.of("service.pid", "service.factoryPid",
            "service.bundleLocation", ConfigValidator.SOURCE_PROPERTY, EDITOR_PROPERTY);

    private final ConfigurationAdmin configAdmin;
    private final ConfigSchema schema;
    private final Map<String, ValidatedConfiguration> applied;

    /**
     * @param applied what the environment file holds now, by PID
     */
    EffectivePropertiesReader(ConfigurationAdmin configAdmin, ConfigSchema schema,
            Map<String, ValidatedConfiguration> applied) {
        this.configAdmin = configAdmin;
        this.schema = schema;
        this.applied = applied;
    }

    /** One PID's properties, or every owned configuration's when {@code pid} is null. */
    List<EffectiveProperty> read(String pid) throws IOException {
        String filter = pid == null ? "(" + ConfigValidator.SOURCE_PROPERTY + "=*)" : "(service.pid=" + escape(pid) + ")";
        Configuration[] configurations;
        try {
            configurations = configAdmin.listConfigurations(filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("not a valid PID: " + pid, e);
        }
        List<EffectiveProperty> result = new ArrayList<>();
        if (configurations == null && pid != null) {
            // not configured at all: every declared property has its default
            schema.find(pid, factoryPidOf(pid)).ifPresent(s -> addDefaults(pid, s, Collections.emptyList(), result));
            return result;
        }
        for (Configuration configuration : configurations == null ? new Configuration[0] : configurations) {
            read(configuration, result);
        }
        result.sort(Comparator.comparing(EffectiveProperty::pid).thenComparing(EffectiveProperty::key));
        return result;
    }

    private void read(Configuration configuration, List<EffectiveProperty> result) {
        String pid = configuration.getPid();
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            return;
        }
        Optional<PidSchema> pidSchema = schema.find(pid, configuration.getFactoryPid());
        ValidatedConfiguration fromFile = applied.get(pid);
        List<String> keys = Collections.list(properties.keys());
        for (String key : keys) {
            if (BOOKKEEPING.contains(key)) {
                continue;
            }
            Object value = properties.get(key);
            AttributeSchema attribute = pidSchema.map(s -> s.attributes().get(key)).orElse(null);
            ValidatedValue written = fromFile == null ? null : fromFile.properties().get(key);
            Provenance provenance;
            boolean secret;
            if (written != null && Objects.deepEquals(written.value(), value)) {
                provenance = written.provenance();
                secret = written.secret();
            } else {
                Object editor = properties.get(EDITOR_PROPERTY);
                provenance = new Provenance(Source.RUNTIME_EDIT, editor != null ? "by " + editor
                        : "Config Admin, not from the environment file");
                secret = SecretKeys.isSecret(key, attribute) || SecretKeys.hasCredentials(value);
            }
            result.add(new EffectiveProperty(pid, key, secret ? EffectiveProperty.MASK : value, provenance));
        }
        pidSchema.ifPresent(s -> addDefaults(pid, s, keys, result));
    }

    private static void addDefaults(String pid, PidSchema schema, List<String> present, List<EffectiveProperty> result) {
        for (AttributeSchema attribute : schema.attributes().values()) {
            if (present.contains(attribute.id()) || attribute.defaults().isEmpty()) {
                continue;
            }
            Object value = attribute.isMultiValued() ? attribute.defaults() : attribute.defaults().get(0);
            if (SecretKeys.isSecret(attribute.id(), attribute)) {
                value = EffectiveProperty.MASK;
            }
            result.add(new EffectiveProperty(pid, attribute.id(), value,
                    new Provenance(Source.METATYPE_DEFAULT, "metatype of " + schema.declaredBy())));
        }
    }

    private static String factoryPidOf(String pid) {
        int tilde = pid.indexOf('~');
        return tilde < 0 ? null : pid.substring(0, tilde);
    }

    /** RFC 4515 escaping of a value in an LDAP filter. */
    private static String escape(String value) {
        StringBuilder s = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                s.append('\\');
            }
            s.append(c);
        }
        return s.toString();
    }
}
