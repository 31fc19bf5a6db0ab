package io.memtune.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configuration hot reloads: the container's environment file rewritten, one harmless live value changed back
 * and forth. The render executor's batch queue (no batch is sent: the executor is swapped live for one with the
 * new setting, see ManagedExecutorComponent); and, unless turned off, the template cache's memory budget (above
 * what the corpus takes either way): that one reactivates the template service (new repository, cache and
 * watcher); the render servlet stays and answers 503 with Retry-After in the gap (it used to be unregistered with
 * the service, and a request already dispatched to it got a 500: docs/reliability.md, "Soak"). Each change is checked with the shell command that shows the component's own
 * setting, so "applied" means in force, not only read.
 */
final class ConfigReloads {

    /** The executor's settings are the shipped ones plus the batch queue, which moves between these. */
    static final int[] BATCH_QUEUE = {1000, 999};
    /** The memory tier's budget (the shipped default, 64 MiB, and 48 MiB); compiled, the corpus takes a few MB. */
    static final long[] CACHE_BYTES = {64L << 20, 48L << 20};

    private static final Pattern BATCH_QUEUE_SHOWN = Pattern.compile("batch\\s+queued \\d+/(\\d+)");
    private static final Pattern CACHE_BUDGET_SHOWN = Pattern.compile("(?m)^memory\\s+\\d+\\s+\\d+\\s+(\\d+)");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

    private final Bench bench;
    private final String mode;
    private final ShellClient shell;
    private int batchQueue;
    private int cacheBytes;

    ConfigReloads(Bench bench, String mode, ShellClient shell) {
        this.bench = bench;
        this.mode = mode;
        this.shell = shell;
    }

    /** The environment file the container starts with. */
    String initial() {
        return environment();
    }

    /** Changes the batch queue of the render executor. */
    HotReload toggleExecutor() throws IOException {
        batchQueue = 1 - batchQueue;
        write();
        String expected = Integer.toString(BATCH_QUEUE[batchQueue]);
        return new HotReload(HotReload.Kind.CONFIG_EXECUTOR, "render executor queue.batch " + expected,
                () -> shown("memtune:executor render", BATCH_QUEUE_SHOWN, expected));
    }

    /** Changes the template cache's memory budget. */
    HotReload toggleTemplateCache() throws IOException {
        cacheBytes = 1 - cacheBytes;
        write();
        String expected = Long.toString(CACHE_BYTES[cacheBytes]);
        return new HotReload(HotReload.Kind.CONFIG_TEMPLATE_CACHE, "io.memtune.template cache.memory.bytes " + expected,
                () -> shown("memtune:templates", CACHE_BUDGET_SHOWN, expected));
    }

    private String environment() {
        String executor = AbComparison.SHIPPED.replaceFirst("}$", ", \"queue.batch\": " + BATCH_QUEUE[batchQueue] + "}");
        return Server.settings(bench, mode, executor, ", \"cache.memory.bytes\": " + CACHE_BYTES[cacheBytes]);
    }

    /** Whole or not at all, as a deployment tool (or Kubernetes) replaces it: the watcher never reads half a file. */
    private void write() throws IOException {
        Path file = Server.environmentFile(bench, mode);
        Path next = file.resolveSibling("." + file.getFileName() + ".next");
        Files.writeString(next, environment());
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Null when {@code command} shows {@code expected} where {@code pattern} points, else what it shows. */
    private String shown(String command, Pattern pattern, String expected) throws IOException, InterruptedException {
        ExternalCommand.Answer answer = shell.run(command, COMMAND_TIMEOUT);
        Matcher m = pattern.matcher(answer.output());
        boolean found = m.find();
        if (answer.ok() && found && m.group(1).equals(expected)) {
            return null;
        }
        return command + " (exit " + answer.exit() + ") shows " + (found ? m.group(1) : "no value: " + answer.output().strip());
    }
}
