package io.memtune.api.config;

import java.util.List;

/**
 * The result of validating one environment file.
 *
 * @param file the file's name
 * @param problems errors and warnings, in file order
 */
public record ValidationReport(String file, List<Problem> problems) {

    public ValidationReport {
        problems = List.copyOf(problems);
    }

    /** True when nothing blocks the file (warnings allowed). */
    public boolean isValid() {
        return errors().isEmpty();
    }

    public List<Problem> errors() {
        return problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> p.severity() == Problem.Severity.WARNING).toList();
    }
}
