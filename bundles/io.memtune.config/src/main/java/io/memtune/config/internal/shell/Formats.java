package io.memtune.config.internal.shell;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.memtune.api.config.Problem;
import io.memtune.api.config.ValidationReport;

/** How the config commands print values and reports. */
final class Formats {

    private Formats() {
    }

    /** Arrays as {@code [a, b]}, everything else as its string form. */
    static String value(Object value) {
        if (value instanceof Object[]) {
            return Arrays.deepToString((Object[]) value);
        }
        return String.valueOf(value);
    }

    /** One problem per line, then a verdict line. */
    static String report(ValidationReport report) {
        String problems = report.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
        String verdict = report.file() + ": " + (report.isValid() ? "valid" : "invalid") + " ("
                + report.errors().size() + " error(s), " + report.warnings().size() + " warning(s))";
        return problems.isEmpty() ? verdict : problems + "\n" + verdict;
    }
}
