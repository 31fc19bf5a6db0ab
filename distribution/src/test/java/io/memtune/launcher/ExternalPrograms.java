package io.memtune.launcher;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * The Debian programs the fleet tests drive for real: HAProxy, Prometheus and its promtool. {@code .ci/run}
 * installs them and sets {@value #REQUIRED} so that a missing one fails there; anywhere else ({@code mvn verify}
 * on a machine without them) the test is skipped, saying what to install.
 */
final class ExternalPrograms {

    static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    /** The environment variable .ci/run sets: the programs are required, not optional. */
    static final String REQUIRED = "MEMTUNE_FLEET_TOOLS_REQUIRED";

    private ExternalPrograms() {
    }

    /** Skips the test (or fails it, under .ci/run) unless every program is installed. */
    static void assume(Path... programs) {
        for (Path program : programs) {
            if (!Files.isExecutable(program)) {
                String message = program + " is not installed: apt-get install haproxy prometheus (bash .ci/run does)";
                if (System.getenv(REQUIRED) != null) {
                    fail(message);
                }
                Assumptions.abort(message);
            }
        }
    }
}
