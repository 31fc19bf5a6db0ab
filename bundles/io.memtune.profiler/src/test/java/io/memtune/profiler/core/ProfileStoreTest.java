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
    void aDirectoryThatCannotBeCreatedIsAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        assertThrows(IOException.class, () -> new ProfileStore(file.resolve("profiles"), 5, 1000));
    }

    private long countFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
