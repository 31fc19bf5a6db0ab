package io.memtune.benchmarks.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Shell commands in the running container, run as an operator runs them: {@code bin/memtune client "memtune:..."}
 * (the distribution's own client, over the command socket in its data/).
 */
final class ShellClient {

    private final Path home;

    ShellClient(Path home) {
        this.home = home;
    }

    ExternalCommand.Answer run(String command, Duration timeout) throws IOException, InterruptedException {
        return ExternalCommand.run(List.of(home.resolve("bin/memtune").toString(), "client", command), timeout);
    }
}
