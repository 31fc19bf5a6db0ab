package io.memtune.config.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.memtune.api.config.Problem;
import io.memtune.api.config.Problem.Severity;
import io.memtune.api.config.ValidationReport;

/**
 * Reads, parses and validates environment files: the whole pipeline from bytes on disk to typed
 * configurations, the same in the container and in embedded mode.
 */
public final class ConfigLoader {

    /**
     * The largest environment file read: a few kilobytes are typical; a file of megabytes is a mistake (a log
     * written to the wrong place, a binary) that would otherwise be read and hashed at every poll.
     */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

    private final ConfigParser parser = new ConfigParser();
    private final ConfigSchema schema;
    private final Interpolator interpolator;

    public ConfigLoader(ConfigSchema schema, Interpolator interpolator) {
        this.schema = schema;
        this.interpolator = interpolator;
    }

    /** Reads a file and validates it; an unreadable file is an error in the report, not an exception. */
    public ValidationOutcome load(Path file) {
        String name = file.getFileName().toString();
        byte[] content;
        try {
            content = read(file);
        } catch (NoSuchFileException e) {
            return failed(name, "the file does not exist: " + file.toAbsolutePath());
        } catch (IOException e) {
            return failed(name, "cannot read " + file.toAbsolutePath() + ": " + e);
        }
        return load(name, content);
    }

    /**
     * Reads at most {@link #MAX_FILE_BYTES} + 1 bytes: content over the limit is refused by {@link #load(String,
     * byte[])}, without reading the rest.
     */
    public static byte[] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(MAX_FILE_BYTES + 1);
        }
    }

    /** Validates content already read (its name is used in messages). */
    public ValidationOutcome load(String name, byte[] content) {
        if (content.length > MAX_FILE_BYTES) {
            Problem problem = new Problem(Severity.ERROR, name, 0, 0, null, null, "the file is larger than "
                    + MAX_FILE_BYTES + " bytes: not an environment file (nothing of it is applied)");
            return new ValidationOutcome(new ValidationReport(name, List.of(problem)), List.of(), sha256(content), null);
        }
        ParseResult parsed = parser.parse(name, content);
        List<Problem> problems = new ArrayList<>(parsed.problems());
        List<ValidatedConfiguration> configurations = parsed.document() == null ? List.of()
                : new ConfigValidator(schema, interpolator).validate(parsed.document(), problems);
        return new ValidationOutcome(new ValidationReport(name, problems), configurations, sha256(content),
                parsed.document());
    }

    /** Parses only (no schema, no interpolation): for diffs of files as written. */
    public ParseResult parse(Path file) throws IOException {
        return parser.parse(file.getFileName().toString(), Files.readAllBytes(file));
    }

    private static ValidationOutcome failed(String name, String message) {
        Problem problem = new Problem(Severity.ERROR, name, 0, 0, null, null, message);
        return new ValidationOutcome(new ValidationReport(name, List.of(problem)), List.of(), null, null);
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
