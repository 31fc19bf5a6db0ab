package io.memtune.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A short-lived program run to its end, or given up on after a timeout: what it printed and its exit code. */
final class ExternalCommand {

    /** Output and errors together, and the exit code; {@link #TIMED_OUT} when it did not end in time (then killed). */
    record Answer(int exit, String output) {

        boolean ok() {
            return exit == 0;
        }
    }

    static final int TIMED_OUT = -1;

    private ExternalCommand() {
    }

    static Answer run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // read while it runs: a long output (a class histogram) would otherwise fill the pipe and block it
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return new Answer(TIMED_OUT, "did not end within " + timeout.toSeconds() + " s");
        }
        return new Answer(process.exitValue(), output.join());
    }
}
