package io.memtune.config.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader(ConfigSchema.NONE, new Interpolator(k -> null, k -> null));

    @Test
    void refusesAFileLargerThanTheLimitWithoutReadingItAll(@TempDir Path dir) throws IOException {
        byte[] huge = new byte[ConfigLoader.MAX_FILE_BYTES * 3];
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        Path file = Files.write(dir.resolve("dev.json"), huge);
        assertEquals(ConfigLoader.MAX_FILE_BYTES + 1, ConfigLoader.read(file).length);
        ValidationOutcome outcome = loader.load(file);
        assertFalse(outcome.report().isValid());
        assertTrue(outcome.report().errors().get(0).toString().contains("larger than " + ConfigLoader.MAX_FILE_BYTES),
                outcome.report().toString());
        assertTrue(outcome.configurations().isEmpty());
    }

    @Test
    void everyTruncationOfTheShippedProductionFileIsRejected() throws IOException {
        // a file caught half-written (a copy in progress) must never apply a part of itself
        String whole = Files.readString(Path.of("../../config/environments/prod.json"));
        assertTrue(loader.load("prod.json", whole.getBytes(StandardCharsets.UTF_8)).report().isValid());
        int lastBrace = whole.lastIndexOf('}');
        for (int length = 0; length < lastBrace; length += 7) {
            ValidationOutcome outcome = loader.load("prod.json", whole.substring(0, length).getBytes(StandardCharsets.UTF_8));
            assertFalse(outcome.report().isValid(), "a prefix of " + length + " characters was accepted");
            assertTrue(outcome.configurations().isEmpty());
        }
    }
}
