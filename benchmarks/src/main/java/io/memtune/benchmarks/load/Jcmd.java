package io.memtune.benchmarks.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A diagnostic command run in the server's JVM from outside ({@code jcmd <pid> ...}), with the harness's own JDK:
 * what it measures is measured alike whatever the server does (a server out of memory cannot serve /metrics).
 */
final class Jcmd {

    /** The command did not end in time (the JVM too busy collecting to answer), failed, or could not be run. */
    static final class Failed extends Exception {

        private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message);
        }
    }

    private Jcmd() {
    }

    /** The harness's own JDK's jcmd. */
    static Path executable() {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd");
    }

    /** The command's output; {@link Failed} when it did not end within {@code timeout} or exited non-zero. */
    static String run(long pid, Duration timeout, String... command) throws Failed, InterruptedException {
        List<String> line = new ArrayList<>(List.of(executable().toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        ExternalCommand.Answer answer;
        try {
            answer = ExternalCommand.run(line, timeout);
        } catch (IOException e) {
            throw new Failed("cannot run jcmd: " + e.getMessage());
        }
        if (!answer.ok()) {
            throw new Failed("jcmd " + String.join(" ", command) + " (exit " + answer.exit() + "): " + answer.output().strip());
        }
        return answer.output();
    }
}
