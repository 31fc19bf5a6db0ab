package io.memtune.config.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL while it writes the environment file back leaves the old content or the new one,
 * never a mix and never an empty file (the container's write-back goes through {@link AtomicFiles}).
 */
class AtomicFilesCrashTest {

    /** What the child prints once its loop of replacements has begun. */
    static final String WRITING = "writing";

    /** A valid environment file of some size, all of one letter. */
    static String content(char letter) {
        return "{\"io.memtune.test\": {\"value\": \"" + String.valueOf(letter).repeat(200_000) + "\"}}\n";
    }

    @Test
    void aProcessKilledWhileReplacingLeavesTheOldOrTheNewContent(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("prod.json"), content('a'));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Random random = new Random(42);
        for (int round = 0; round < 5; round++) {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    AtomicFilesCrashChild.class.getName(), file.toString()).redirectErrorStream(true).start();
            BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    return output.readLine();
                } catch (IOException e) {
                    return e.toString();
                }
            }).get(60, TimeUnit.SECONDS); // a deadline: a busy machine starts a JVM slowly
            assertEquals(WRITING, first, "the writer started its loop");
            // then a random moment within the loop: each replacement takes a few milliseconds
            Thread.sleep(random.nextInt(300));
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            String left = Files.readString(file);
            assertTrue(left.equals(content('a')) || left.equals(content('b')),
                    "round " + round + ": a torn file of " + left.length() + " characters");
        }
        AtomicFiles.replace(file, content('a'));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("prod.json"), files.map(p -> p.getFileName().toString()).toList(),
                    "temporary files of killed writers are cleaned up by the next write");
        }
    }
}
