package io.memtune.config.core;

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

class AtomicFilesTest {

    @Test
    void anOwnerOnlyFileStaysOwnerOnly(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("prod.json"), "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.replace(file, "{\"a\": 1}");
        assertEquals("{\"a\": 1}", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aSymlinkedFileIsReplacedAtItsTargetAndTheLinkStays(@TempDir Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("..data"));
        Path real = Files.writeString(data.resolve("prod.json"), "{}");
        Path link = Files.createSymbolicLink(dir.resolve("prod.json"), real);
        AtomicFiles.replace(link, "{\"b\": 2}");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("{\"b\": 2}", Files.readString(real));
        assertEquals(List.of("prod.json"), names(data));
    }

    @Test
    void aFailedReplaceLeavesTheTargetAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = Files.createDirectories(dir.resolve("prod.json")); // a non-empty directory cannot be replaced
        Files.writeString(target.resolve("inside"), "x");
        assertThrows(IOException.class, () -> AtomicFiles.replace(target, "{}"));
        assertTrue(Files.isDirectory(target));
        assertEquals(List.of("prod.json"), names(dir));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
