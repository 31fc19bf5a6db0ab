package io.memtune.profiler.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Refuses a profile directory that belongs to another user: heap dumps hold the service's data, and a
 * directory someone else owns is one they can read, or empty and refill, whatever its permissions say. (Run as
 * root, the store would otherwise take any directory over with a chmod.)
 */
final class DirectoryOwner {

    private DirectoryOwner() {
    }

    /** @throws IOException naming the directory, its owner and this process's user, when they differ */
    static void check(Path directory) throws IOException {
        check(directory, ProcessHandle.current().info().user());
    }

    /** @param user this process's user name, empty when the platform does not tell (nothing is checked then) */
    static void check(Path directory, Optional<String> user) throws IOException {
        String owner = Files.getOwner(directory).getName();
        if (user.isPresent() && !user.get().equals(owner)) {
            throw new IOException("the profile directory " + directory + " belongs to " + owner + ", not to " + user.get()
                    + " who runs this service: choose a directory of this user's");
        }
    }
}
