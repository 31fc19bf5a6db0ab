package io.memtune.config.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.memtune.api.config.Problem;
import io.memtune.api.config.Problem.Severity;
import io.memtune.api.config.Provenance;
import io.memtune.api.config.Provenance.Source;

/**
 * Checks a parsed environment file against a schema and produces typed configurations. Errors (a wrong
 * type, a value out of range, a reserved key, an unset variable) reject the file; warnings (an unknown PID
 * or key, probably a typo) are reported and the file still applies.
 */
public final class ConfigValidator {

    /** The property by which the config bundle marks the configurations it owns. */
    public static final String SOURCE_PROPERTY = "memtune.config.source";

    private static final Set<String> RESERVED = Set.of("service.pid", "service.factoryPid", "service.bundleLocation",
            "felix.fileinstall.filename", SOURCE_PROPERTY);

    private final ConfigSchema schema;
    private final Interpolator interpolator;

    public ConfigValidator(ConfigSchema schema, Interpolator interpolator) {
        this.schema = schema;
        this.interpolator = interpolator;
    }

    /** Validates every configuration of the document; problems are appended to {@code problems}. */
    public List<ValidatedConfiguration> validate(ConfigDocument document, List<Problem> problems) {
        List<ValidatedConfiguration> result = new ArrayList<>();
        for (PidEntry entry : document.pids().values()) {
            validatePid(document.fileName(), entry, problems).ifPresent(result::add);
        }
        return result;
    }

    private Optional<ValidatedConfiguration> validatePid(String file, PidEntry entry, List<Problem> problems) {
        String pid = entry.pid();
        String pidError = checkPid(entry);
        if (pidError != null) {
            problems.add(problem(Severity.ERROR, file, entry.line(), entry.column(), pid, null, pidError));
            return Optional.empty();
        }
        Optional<PidSchema> pidSchema = schema.find(pid, entry.factoryPid());
        if (pidSchema.isEmpty() && schema.knowsAllPids()) {
            problems.add(problem(Severity.WARNING, file, entry.line(), entry.column(), pid, null,
                    "unknown PID: no installed bundle declares a configuration by this name (a typo?)"));
        }
        Map<String, ValidatedValue> values = new LinkedHashMap<>();
        entry.properties().forEach((key, raw) -> {
            AttributeSchema attribute = pidSchema.map(s -> s.attributes().get(key)).orElse(null);
            if (RESERVED.contains(key)) {
                problems.add(problem(Severity.ERROR, file, raw.line(), raw.column(), pid, key,
                        "reserved key: set by the framework or by memtune, not by an environment file"));
                return;
            }
            if (pidSchema.isPresent() && attribute == null && !isFrameworkKey(key)) {
                problems.add(problem(Severity.WARNING, file, raw.line(), raw.column(), pid, key,
                        "unknown key: " + pidSchema.get().declaredBy() + " declares " + pidSchema.get().attributes().keySet()));
            }
            List<String> variables = new ArrayList<>();
            try {
                Object value = ValueConverter.convert(raw.json(), text -> {
                    Interpolator.Result r = interpolator.interpolate(text);
                    variables.addAll(r.variables());
                    return r.value();
                }, attribute);
                String at = file + ":" + raw.line() + ":" + raw.column();
                Provenance provenance = variables.isEmpty() ? new Provenance(Source.ENVIRONMENT_FILE, at)
                        : new Provenance(Source.INTERPOLATED, String.join(", ", variables) + " at " + at);
                values.put(key, new ValidatedValue(value, provenance, SecretKeys.isSecret(key, attribute, variables, value)));
            } catch (IllegalArgumentException e) {
                // a secret's value must not reach the log through the message that rejects it
                String message = SecretKeys.isSecret(key, attribute) ? SecretKeys.maskQuoted(e.getMessage()) : e.getMessage();
                problems.add(problem(Severity.ERROR, file, raw.line(), raw.column(), pid, key, message));
            }
        });
        pidSchema.filter(PidSchema::enforceRequired).ifPresent(s -> s.attributes().values().stream()
                .filter(a -> a.required() && a.defaults().isEmpty() && !entry.properties().containsKey(a.id()))
                .forEach(a -> problems.add(problem(Severity.ERROR, file, entry.line(), entry.column(), pid, a.id(),
                        "required property missing: " + s.declaredBy() + " declares it without a default"))));
        return Optional.of(new ValidatedConfiguration(pid, entry.factoryPid(), entry.factoryName(), values));
    }

    private static String checkPid(PidEntry entry) {
        String pid = entry.pid();
        if (pid.isBlank() || !pid.equals(pid.strip()) || pid.chars().anyMatch(Character::isWhitespace)) {
            return "a PID must be non-empty and contain no white space";
        }
        if (entry.factoryPid() != null && (entry.factoryPid().isEmpty() || entry.factoryName().isEmpty()
                || entry.factoryName().indexOf('~') >= 0)) {
            return "a factory configuration is written factoryPid~name, with both parts non-empty";
        }
        return null;
    }

    /** Keys any component may take without declaring them: reference targets and the service ranking. */
    private static boolean isFrameworkKey(String key) {
        return key.endsWith(".target") || "service.ranking".equals(key);
    }

    private static Problem problem(Severity severity, String file, int line, int column, String pid, String key,
            String message) {
        return new Problem(severity, file, line, column, pid, key, message);
    }
}
