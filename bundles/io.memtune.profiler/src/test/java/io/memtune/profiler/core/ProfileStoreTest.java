package io.memtune.profiler.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.memtune.api.profiler.ProfileInfo;
import io.memtune.api.profiler.ProfileKind;

class ProfileStoreTest {

    @TempDir
    Path dir;

    private static ProfileStore.Producer bytes(int n) {
        return target -> Files.write(target, new byte[n]);
    }

    @Test
    void storesOwnerOnlyFilesInAnOwnerOnlyDirectory() throws IOException {
        ProfileStore store = new ProfileStore(dir.resolve("profiles"), 5, 1 << 20);
        ProfileInfo info = store.store(ProfileKind.HISTOGRAM, "manual", ".txt", bytes(10), List.of());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(info.file()))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("profiles"))));
        assertEquals(10, info.sizeBytes());
    }

    @Test
    void neverExceedsTheBudgetDeletingTheOldestFirst() throws IOException {
        ProfileStore store = new ProfileStore(dir, 3, 250);
        ProfileInfo first = store.store(ProfileKind.HISTOGRAM, "a", ".txt", bytes(100), List.of());
        store.store(ProfileKind.HISTOGRAM, "b", ".txt", bytes(100), List.of());
        store.store(ProfileKind.HISTOGRAM, "c", ".txt", bytes(100), List.of()); // 300 > 250: 'a' goes
        assertEquals(List.of("c", "b"), store.list().stream().map(ProfileInfo::trigger).toList());
        assertTrue(Files.notExists(Path.of(first.file())));
        for (int i = 0; i < 5; i++) {
            store.store(ProfileKind.HISTOGRAM, "x" + i, ".txt", bytes(10), List.of());
            assertTrue(store.count() <= 3 && store.usedBytes() <= 250, store.count() + " files, " + store.usedBytes() + " bytes");
        }
    }

    @Test
    void refusesAProfileLargerThanTheWholeBudgetLeavingNothing() throws IOException {
        ProfileStore store = new ProfileStore(dir, 3, 50);
        IOException e = assertThrows(IOException.class,
                () -> store.store(ProfileKind.HEAP_DUMP, "big", ".hprof", bytes(100), List.of()));
        assertTrue(e.getMessage().contains("larger than the whole profile budget"), e.getMessage());
        assertEquals(0, countFiles());
    }

    @Test
    void aFailedCaptureLeavesNothingPartial() throws IOException {
        ProfileStore store = new ProfileStore(dir, 3, 1000);
        assertThrows(IOException.class, () -> store.store(ProfileKind.HEAP_DUMP, "disk full", ".hprof", target -> {
            Files.write(target, new byte[20]);
            throw new IOException("No space left on device");
        }, List.of()));
        assertEquals(0, countFiles());
        assertEquals(0, store.count());
    }

    @Test
    void aRestartListsWhatWasCompleteAndDeletesWhatWasNot() throws IOException {
        ProfileStore store = new ProfileStore(dir, 5, 1000);
        store.store(ProfileKind.HISTOGRAM, "kept", ".txt", bytes(10), List.of());
        Files.write(dir.resolve(".partial-20260101-000000-000-9-heap-dump.hprof"), new byte[5]); // a crash mid-capture
        ProfileStore reopened = new ProfileStore(dir, 5, 1000);
        assertEquals(List.of("kept"), reopened.list().stream().map(ProfileInfo::trigger).toList());
        assertEquals(2, countFiles(), "the profile and its description; the partial file is gone");
    }

    @Test
    void aProfileRenamedButNotDescribedIsDeletedAtRestart() throws IOException {
        ProfileStore store = new ProfileStore(dir, 5, 1000);
        store.store(ProfileKind.HISTOGRAM, "kept", ".txt", bytes(10), List.of());
        ProfileInfo orphan = store.store(ProfileKind.HEAP_DUMP, "killed", ".hprof", bytes(20), List.of());
        Files.delete(dir.resolve(orphan.id() + ".json")); // a kill between the rename and the description
        ProfileStore reopened = new ProfileStore(dir, 5, 1000);
        assertEquals(List.of("kept"), reopened.list().stream().map(ProfileInfo::trigger).toList());
        assertTrue(Files.notExists(Path.of(orphan.file())), "the undescribed profile would sit outside the budget");
        assertEquals(10, reopened.usedBytes());
        assertEquals(1, reopened.removedAtStart().size(), reopened.removedAtStart().toString());
        assertTrue(reopened.removedAtStart().get(0).contains(Path.of(orphan.file()).getFileName() + ": a profile without"
                + " a description"), reopened.removedAtStart().toString());
    }

    @Test
    void filesThatAreNotProfilesAreLeftAlone() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "mine");
        Path lookalike = Files.writeString(dir.resolve("20260101-000000-000-1-histogram.txt.bak"), "mine too");
        ProfileStore reopened = new ProfileStore(dir, 5, 1000);
        assertTrue(Files.exists(notes) && Files.exists(lookalike), "a directory configured by mistake loses nothing");
        assertEquals(List.of(), reopened.removedAtStart());
    }

    @Test
    void aDescriptionPointingOutsideTheDirectoryIsDropped() throws IOException {
        Path store = dir.resolve("profiles");
        Path secret = Files.writeString(dir.resolve("secret.txt"), "not a profile");
        for (String file : List.of(secret.toString(), "../secret.txt")) {
            new ProfileStore(store, 5, 1000);
            describe(store, "20260101-000000-000-1-histogram", "20260101-000000-000-1-histogram", file);
            ProfileStore reopened = new ProfileStore(store, 5, 1000);
            assertEquals(List.of(), reopened.list(), file);
            assertTrue(Files.notExists(store.resolve("20260101-000000-000-1-histogram.json")), file);
            assertTrue(Files.exists(secret), "the file it names is not the store's to delete");
            assertTrue(reopened.removedAtStart().get(0).contains("is not a profile directly in"), reopened.removedAtStart()
                    .toString());
        }
    }

    @Test
    void aDescriptionOfAnotherIdIsDropped() throws IOException {
        ProfileStore store = new ProfileStore(dir, 5, 1000);
        ProfileInfo info = store.store(ProfileKind.HISTOGRAM, "real", ".txt", bytes(10), List.of());
        // a second description claiming the profile: deleting either would take the other's file; and with any
        // id it likes, it could make delete() remove <anything>.json
        describe(dir, "20260101-000000-000-9-histogram", info.id(), Path.of(info.file()).getFileName().toString());
        ProfileStore reopened = new ProfileStore(dir, 5, 1000);
        assertEquals(List.of(info.id()), reopened.list().stream().map(ProfileInfo::id).toList());
        assertTrue(reopened.removedAtStart().get(0).contains("a description of another profile"),
                reopened.removedAtStart().toString());
    }

    @Test
    void theProfilesMoveWithTheirDirectory() throws IOException {
        new ProfileStore(dir.resolve("before"), 5, 1000).store(ProfileKind.HISTOGRAM, "kept", ".txt", bytes(10), List.of());
        Files.move(dir.resolve("before"), dir.resolve("after")); // the installation moved
        ProfileStore moved = new ProfileStore(dir.resolve("after"), 5, 1000);
        assertEquals(List.of("kept"), moved.list().stream().map(ProfileInfo::trigger).toList());
        assertEquals(dir.resolve("after"), Path.of(moved.list().get(0).file()).getParent());
    }

    @Test
    void aDirectoryOwnedByAnotherUserIsRefusedUntouched() throws IOException {
        Path theirs = Files.createDirectory(dir.resolve("theirs"));
        Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            Files.setOwner(theirs, theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("cannot give a directory to another user here: " + e);
        }
        IOException e = assertThrows(IOException.class, () -> new ProfileStore(theirs, 5, 1000));
        assertTrue(e.getMessage().contains("belongs to nobody"), e.getMessage());
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(theirs)));
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        assertThrows(IOException.class, () -> new ProfileStore(file.resolve("profiles"), 5, 1000));
    }

    /** A description as a tampered or stale file on disk could hold it. */
    private static void describe(Path directory, String name, String id, String file) throws IOException {
        Files.writeString(directory.resolve(name + ".json"), "{\"id\": \"" + id + "\", \"kind\": \"HISTOGRAM\","
                + " \"timeMillis\": 0, \"trigger\": \"t\", \"sizeBytes\": 1, \"file\": \"" + file + "\", \"summary\": []}");
    }

    private long countFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
