package io.memtune.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * HTTP answers on loopback unless an environment says otherwise: the launcher's default and every shipped
 * environment file with no variable set. Binding elsewhere is an explicit, per-environment choice.
 */
class LoopbackByDefaultTest {

    private static final Pattern HOST = Pattern.compile("\"org\\.apache\\.felix\\.http\\.host\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern DEFAULTED = Pattern.compile("\\$\\[env:[A-Z_]+;default=([^\\]]*)\\]");

    @Test
    void theLauncherBindsLoopbackWhenNoEnvironmentSaysOtherwise() {
        Container container = new Container(LaunchOptions.parse(List.of("--home", "/opt/memtune")), "dev");
        assertEquals("127.0.0.1", container.frameworkProperties().get("org.apache.felix.http.host"));
    }

    @Test
    void everyShippedEnvironmentBindsLoopbackWithNoVariableSet() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("../config/environments"))) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            Matcher host = HOST.matcher(Files.readString(file));
            assertTrue(host.find(), file + " says where HTTP binds");
            Matcher variable = DEFAULTED.matcher(host.group(1));
            String bound = variable.matches() ? variable.group(1) : host.group(1);
            assertEquals("127.0.0.1", bound, file + " binds " + host.group(1));
        }
    }
}
