package io.memtune.profiler.core;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.memtune.api.profiler.ClassHistogramEntry;
import io.memtune.api.profiler.ProfileInfo;
import io.memtune.api.profiler.ProfileKind;

/**
 * A profile's description file ({@code <id>.json}) as written: epoch milliseconds rather than an Instant (no
 * extra Jackson module), and the profile's file by name only, so that the store's directory can move with
 * the installation. Descriptions written before held an absolute path: it is accepted while it still names a
 * file directly in the directory.
 */
record ProfileDescription(String id, ProfileKind kind, long timeMillis, String trigger, long sizeBytes, String file,
        List<ClassHistogramEntry> summary) {

    static ProfileDescription of(ProfileInfo i) {
        return new ProfileDescription(i.id(), i.kind(), i.time().toEpochMilli(), i.trigger(), i.sizeBytes(),
                Path.of(i.file()).getFileName().toString(), i.summary());
    }

    /**
     * The profile's file, when the description names one directly inside {@code directory} and named after
     * the profile ({@code <id>.<extension>}): a description is text on disk, and a store that followed any
     * path in it would list, serve and delete files anywhere.
     */
    Optional<Path> fileIn(Path directory) {
        if (id == null || file == null || file.isEmpty()) {
            return Optional.empty();
        }
        Path resolved = directory.resolve(file).normalize();
        if (!directory.equals(resolved.getParent())) {
            return Optional.empty();
        }
        String name = resolved.getFileName().toString();
        return name.startsWith(id + ".") && !name.equals(id + ".json") ? Optional.of(resolved) : Optional.empty();
    }

    /** @param file the profile's file, as {@link #fileIn} found it @param size its size on disk */
    ProfileInfo info(Path file, long size) {
        return new ProfileInfo(id, kind, Instant.ofEpochMilli(timeMillis), trigger, size, file.toString(),
                summary == null ? List.of() : summary);
    }
}
