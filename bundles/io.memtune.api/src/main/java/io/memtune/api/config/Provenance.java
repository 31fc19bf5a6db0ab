package io.memtune.api.config;

/**
 * Where an effective value came from.
 *
 * @param source the kind of origin
 * @param detail the exact place: {@code dev.json:12:7}, {@code env:DB_URL at dev.json:12:7}, a bundle
 */
public record Provenance(Source source, String detail) {

    /** The kinds of origin of a configuration value. */
    public enum Source {
        /** Written literally in the environment file. */
        ENVIRONMENT_FILE,
        /** Taken from an environment variable or system property named in the file ({@code $[env:...]}). */
        INTERPOLATED,
        /** Changed in Config Admin at run time (shell, tuner, web console), not from the file. */
        RUNTIME_EDIT,
        /** Nobody set it: the default declared in the component's metatype. */
        METATYPE_DEFAULT
    }

    @Override
    public String toString() {
        return source.name().toLowerCase().replace('_', '-') + " (" + detail + ")";
    }
}
