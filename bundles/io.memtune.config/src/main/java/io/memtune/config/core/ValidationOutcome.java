package io.memtune.config.core;

import java.util.List;

import io.memtune.api.config.ValidationReport;

/**
 * The result of loading an environment file.
 *
 * @param report errors and warnings; apply nothing when it is not valid
 * @param configurations the typed configurations (complete only when the report is valid)
 * @param digest SHA-256 of the file content, hex
 * @param document the parsed document, or null when the file is not valid JSON
 */
public record ValidationOutcome(ValidationReport report, List<ValidatedConfiguration> configurations, String digest,
        ConfigDocument document) {

    public ValidationOutcome {
        configurations = List.copyOf(configurations);
    }
}
