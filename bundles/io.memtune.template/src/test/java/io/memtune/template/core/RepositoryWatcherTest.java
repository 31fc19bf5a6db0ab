package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryWatcherTest {

    @TempDir
    Path root;

    private final List<TemplateRepository.TemplateChange> changes = new ArrayList<>();

    private RepositoryWatcher watcher() {
        return new RepositoryWatcher(new TemplateRepository(root, 1 << 20), changes::add);
    }

    private Path write(String relative, String text, long modified) throws IOException {
        Path file = root.resolve(relative + ".mustache");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(modified));
        return file;
    }

    @Test
    void reportsAChangeOnlyOnceTheFileHasStoppedChanging() throws IOException {
        write("acme/page", "v1", 1_000);
        RepositoryWatcher watcher = watcher();
        write("acme/page", "v2 half", 2_000); // a write in progress
        watcher.poll();
        assertTrue(changes.isEmpty(), "not yet stable: " + changes);
        write("acme/page", "v2 complete", 3_000); // still being written
        watcher.poll();
        assertTrue(changes.isEmpty(), "not yet stable: " + changes);
        watcher.poll(); // unchanged for a whole interval
        assertEquals(List.of(new TemplateRepository.TemplateChange("acme", "page")), changes);
        watcher.poll();
        assertEquals(1, changes.size(), "reported once");
    }

    @Test
    void reportsNewAndDeletedFilesWithTheirDirectory() throws IOException {
        RepositoryWatcher watcher = watcher();
        Path header = write("_shared/parts/header", "h", 1_000);
        watcher.poll();
        watcher.poll();
        assertEquals(new TemplateRepository.TemplateChange("_shared", "parts/header"), changes.get(0));
        Files.delete(header);
        watcher.poll();
        assertEquals(2, changes.size(), "a deletion is reported at once");
        assertTrue(changes.get(0).concerns("anyone"));
    }

    @Test
    void aDeletedTenantDirectoryReportsEachOfItsFilesAndItsStateGoes() throws IOException {
        write("acme/page", "p", 1_000);
        write("acme/parts/header", "h", 1_000);
        write("globex/page", "g", 1_000);
        RepositoryWatcher watcher = watcher();
        assertEquals(new RepositoryWatcher.Held(2, 3, watcher.held().bytes()), watcher.held());
        Files.delete(root.resolve("acme/parts/header.mustache"));
        Files.delete(root.resolve("acme/parts"));
        Files.delete(root.resolve("acme/page.mustache"));
        Files.delete(root.resolve("acme"));
        watcher.poll();
        assertEquals(List.of(new TemplateRepository.TemplateChange("acme", "page"),
                new TemplateRepository.TemplateChange("acme", "parts/header")), changes);
        assertEquals(1, watcher.held().tenants());
        assertEquals(1, watcher.held().files());
    }

    @Test
    void aFileThatCameAndWentBeforeItSettledIsNeverReported() throws IOException {
        RepositoryWatcher watcher = watcher();
        Path page = write("acme/page", "draft", 1_000);
        watcher.poll(); // seen, not yet stable
        Files.delete(page);
        watcher.poll();
        watcher.poll();
        assertTrue(changes.isEmpty(), changes.toString());
        assertEquals(0, watcher.held().files());
    }

    @Test
    void findsChangesThroughTheFileSystemsEventsInDirectoriesCreatedSinceToo() throws Exception {
        write("acme/page", "v1", 1_000);
        // no full scan ever: what is found, the events found
        try (RepositoryWatcher watcher = new RepositoryWatcher(new TemplateRepository(root, 1 << 20), changes::add, Integer.MAX_VALUE)) {
            watcher.watchFileSystem();
            write("globex/page", "new tenant", 2_000);
            pollUntil(watcher, 1);
            assertEquals(new TemplateRepository.TemplateChange("globex", "page"), changes.get(0));
            // the directory created after the watch started is watched too
            write("globex/page", "edited", 3_000);
            pollUntil(watcher, 2);
            assertEquals(new TemplateRepository.TemplateChange("globex", "page"), changes.get(1));
            write("acme/page", "v2", 4_000);
            pollUntil(watcher, 3);
            assertEquals(new TemplateRepository.TemplateChange("acme", "page"), changes.get(2));
            Files.delete(root.resolve("acme/page.mustache"));
            pollUntil(watcher, 4);
            assertEquals(new TemplateRepository.TemplateChange("acme", "page"), changes.get(3));
            for (int i = 0; i < 3; i++) {
                watcher.pollChanged();
            }
            assertEquals(4, changes.size(), "each change reported once: " + changes);
        }
    }

    /** Polls as the schedule would (the events arrive from the file system's own thread) until {@code n} changes. */
    private void pollUntil(RepositoryWatcher watcher, int n) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (changes.size() < n) {
            assertTrue(System.nanoTime() < deadline, "no change " + n + " within 10 s: " + changes);
            watcher.pollChanged();
            Thread.sleep(20); // the poll interval, shortened
        }
    }
}
