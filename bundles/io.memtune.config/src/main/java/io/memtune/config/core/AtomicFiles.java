package io.memtune.config.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.UUID;

/**
 * Replaces a file so that a crash at any moment leaves either the old content or the new one, never a mix:
 * the new content goes to a temporary file beside the real target (a symlink is followed, so the rename stays on
 * one file system and the link survives), is forced to disk, takes the old file's permissions (an owner-only
 * file stays owner-only), and is renamed over the target; the directory entry is forced too. A failure leaves
 * the target as it was and no temporary file behind.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    public static void replace(Path target, String content) throws IOException {
        Path real = target.toRealPath();
        removeStaleTemporaries(real);
        Path temp = real.resolveSibling("." + real.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.UTF_8.encode(content));
                channel.force(true);
            }
            PosixFileAttributeView posix = Files.getFileAttributeView(real, PosixFileAttributeView.class);
            if (posix != null) {
                Files.setPosixFilePermissions(temp, posix.readAttributes().permissions());
            }
            Files.move(temp, real, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        forceDirectory(real.getParent());
    }

    /** Temporary files of this target left by a process killed while writing (only one writer runs at a time). */
    private static void removeStaleTemporaries(Path real) throws IOException {
        String prefix = "." + real.getFileName() + ".";
        try (var siblings = Files.newDirectoryStream(real.getParent(), p -> {
            String name = p.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(".tmp") && name.length() == prefix.length() + 8 + 4;
        })) {
            for (Path stale : siblings) {
                Files.deleteIfExists(stale);
            }
        }
    }

    /** The rename is durable once the directory is: possible on Linux, refused elsewhere (then skipped). */
    private static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // not every platform lets a directory be opened: the rename is still atomic, only its durability waits
        }
    }
}
