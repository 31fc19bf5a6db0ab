package io.memtune.config.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The configuration model must run outside OSGi (the embedded mode): no class of this package may refer
 * to an OSGi type. Checked on the compiled classes, whose constant pools name every type they use.
 */
class CoreIsFreeOfOsgiTest {

    @Test
    void noCoreClassRefersToAnOsgiType() throws IOException, URISyntaxException {
        Path classes = Path.of(ConfigLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/memtune/config/core");
        List<Path> files;
        try (Stream<Path> list = Files.list(classes)) {
            files = list.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertTrue(files.size() > 10, "core classes found: " + files);
        List<String> offenders = files.stream().filter(CoreIsFreeOfOsgiTest::mentionsOsgi)
                .map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of(), offenders);
    }

    private static boolean mentionsOsgi(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("org/osgi/");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
