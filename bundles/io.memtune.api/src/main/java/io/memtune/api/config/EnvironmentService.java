package io.memtune.api.config;

import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The active environment's configuration: one JSON file per environment, validated and pushed into
 * Config Admin, reloaded when the file changes.
 */
@ProviderType
public interface EnvironmentService {

    /** The active environment's name, e.g. {@code dev}. */
    String activeEnvironment();

    /** What is applied now, from which file, and how the last reload went. */
    EnvironmentStatus status();

    /**
     * The effective properties of one configuration (or of every configuration this service manages
     * when {@code pid} is null), each with its provenance. Secret values come masked.
     */
    List<EffectiveProperty> effectiveProperties(String pid);

    /**
     * What differs between two environment files, property by property (secret values masked).
     *
     * @throws NoSuchElementException when either environment has no file
     */
    ConfigDiff diff(String environmentA, String environmentB);

    /** Validates a file as an environment file, without applying anything. */
    ValidationReport validate(Path file);

    /**
     * Reads the active environment file again now and applies it when it is valid (the last good
     * configuration stays in force otherwise).
     */
    ValidationReport reload();

    /**
     * What writing a value into the active environment file would change, as a diff (file, line, old and
     * new text), without writing anything.
     *
     * @param value a String, a Number or a Boolean
     */
    String proposeWriteBack(String pid, String key, Object value);

    /**
     * Writes a value into the active environment file (atomically, keeping its comments and layout), which
     * then applies like any edit.
     *
     * @return the diff written
     * @throws IllegalArgumentException when the result would not validate; nothing is written then
     */
    String writeBack(String pid, String key, Object value);
}
