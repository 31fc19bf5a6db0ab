package io.memtune.api.config;

/**
 * One finding of validation, located as precisely as the input allows.
 *
 * @param severity whether it blocks the file
 * @param file the file's name
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param pid the configuration concerned, or null
 * @param key the property concerned, or null
 * @param message what is wrong, in words an operator can act on
 */
public record Problem(Severity severity, String file, int line, int column, String pid, String key,
        String message) {

    /** Errors reject the whole file; warnings are reported and the file is applied. */
    public enum Severity { ERROR, WARNING }

    /** {@code dev.json:3:14: error: io.memtune.x/poll.ms: expected an integer, found "abc"}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line).append(':').append(column);
        }
        s.append(": ").append(severity.name().toLowerCase()).append(": ");
        if (pid != null) {
            s.append(pid);
            if (key != null) {
                s.append('/').append(key);
            }
            s.append(": ");
        }
        return s.append(message).toString();
    }
}
