package io.memtune.profiler.core;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.memtune.api.profiler.ProfileInfo;

/**
 * What a start finds in a profile directory, sorted into the profiles to list and the leftovers to delete. A
 * capture is written as {@code .partial-*}, renamed to {@code <id>.<ext>}, then described in
 * {@code <id>.json}: a kill can stop it between any two of these steps, and what it leaves is deleted here,
 * each with the reason, so that it is neither listed nor left outside the budget. A description is trusted
 * only as far as it names a file of its own directly in the directory.
 */
final class CrashRecovery {

    static final String PARTIAL = ".partial-";
    private static final String DESCRIPTION = ".json";
    /**
     * The name {@link ProfileStore} gives a profile: only such files are deleted for lack of a description, so
     * that a directory configured by mistake (a shared one) loses nothing that is not a profile.
     */
    private static final Pattern PROFILE_FILE = Pattern.compile("\\d{8}-\\d{6}-\\d{3}-\\d+-[a-z]+(-[a-z]+)*\\.[A-Za-z0-9]+");

    /** @param profiles the complete profiles @param removed what was deleted or dropped, and why, for the log */
    record Result(List<ProfileInfo> profiles, List<String> removed) {
    }

    private final Path directory;
    private final ObjectMapper json;
    private final List<ProfileInfo> profiles = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();
    private final Set<Path> described = new HashSet<>();

    private CrashRecovery(Path directory, ObjectMapper json) {
        this.directory = directory;
        this.json = json;
    }

    static Result recover(Path directory, ObjectMapper json) throws IOException {
        CrashRecovery recovery = new CrashRecovery(directory, json);
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            files.forEach(entries::add);
        }
        // descriptions first: whether a profile file is an orphan depends on all of them
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith(PARTIAL)) {
                recovery.remove(entry, "a capture or description interrupted before it was complete");
            } else if (name.endsWith(DESCRIPTION)) {
                recovery.describe(entry, name.substring(0, name.length() - DESCRIPTION.length()));
            }
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (PROFILE_FILE.matcher(name).matches() && !name.endsWith(DESCRIPTION) && !recovery.described.contains(entry)
                    && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                recovery.remove(entry, "a profile without a description (the capture was interrupted before it was"
                        + " described)");
            }
        }
        return new Result(List.copyOf(recovery.profiles), List.copyOf(recovery.removed));
    }

    private void describe(Path entry, String id) {
        ProfileDescription d;
        try {
            d = json.readValue(entry.toFile(), ProfileDescription.class);
        } catch (IOException unreadable) {
            remove(entry, "an unreadable description (" + unreadable.getClass().getSimpleName() + ")");
            return;
        }
        if (!id.equals(d.id())) {
            remove(entry, "a description of another profile ('" + d.id() + "')");
            return;
        }
        Optional<Path> file = d.fileIn(directory);
        if (file.isEmpty()) {
            remove(entry, "a description whose file '" + d.file() + "' is not a profile directly in " + directory
                    + " (that file is left alone)");
            return;
        }
        if (!Files.isRegularFile(file.get(), LinkOption.NOFOLLOW_LINKS)) {
            remove(entry, "a description whose profile file is missing or not a regular file");
            return;
        }
        try {
            profiles.add(d.info(file.get(), Files.size(file.get()))); // the size on disk counts against the budget
            described.add(file.get());
        } catch (IOException gone) {
            remove(entry, "a description whose profile file cannot be read");
        }
    }

    private void remove(Path entry, String why) {
        try {
            Files.deleteIfExists(entry);
            removed.add("deleted " + entry.getFileName() + ": " + why);
        } catch (IOException e) {
            removed.add("could not delete " + entry.getFileName() + " (" + why + "): " + e.getMessage());
        }
    }
}
