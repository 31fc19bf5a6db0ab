package io.memtune.itests;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Debian programs some tests drive for real: Chromium (the dashboard in a browser) and Prometheus
 * Alertmanager (memtune's alerts received by one). {@code .ci/run} installs them when missing; a test that
 * needs one fails with this message rather than being skipped.
 */
final class ExternalTools {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");

    private ExternalTools() {
    }

    static Path require(Path tool) {
        if (!Files.isExecutable(tool)) {
            throw new AssertionError(tool + " is not installed: apt-get install chromium prometheus-alertmanager"
                    + " (bash .ci/run does it)");
        }
        return tool;
    }
}
