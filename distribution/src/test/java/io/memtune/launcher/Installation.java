package io.memtune.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The assembled distribution as the launcher tests run it, as an operator would: {@code bin/memtune} as a child
 * process, {@code bin/memtune client}, the log. Either the build's own ({@code target/memtune}, shared with
 * whoever else runs it) or a private copy, whose {@code data/} (socket, log, cache, profiles) no one else
 * touches: a test that breaks the log or fills the heap runs on its own copy.
 */
final class Installation {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path home;

    private Installation(Path home) {
        this.home = home;
    }

    /** The distribution the build assembled (system property {@code memtune.home} from failsafe). */
    static Installation built() {
        return new Installation(Path.of(System.getProperty("memtune.home", "target/memtune")).toAbsolutePath());
    }

    /**
     * A fresh copy of the built distribution, without its {@code data/}, in {@code directory/memtune}; the
     * directory is emptied first, so that nothing of an earlier run (a log, a marker file) is taken for this one's.
     */
    static Installation privateCopy(Path directory) throws IOException {
        Path source = built().home;
        deleteRecursively(directory.toAbsolutePath());
        Path copy = directory.toAbsolutePath().resolve("memtune");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path relative = source.relativize(from);
                if (!relative.toString().isEmpty() && relative.getName(0).toString().equals("data")) {
                    continue;
                }
                Path to = copy.resolve(relative.toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES); // keeps bin/memtune executable
                }
            }
        }
        return new Installation(copy);
    }

    /** The JDK the build runs on. */
    static Path buildJdk() {
        return Path.of(System.getProperty("java.home"));
    }

    Path home() {
        return home;
    }

    Path log() {
        return home.resolve("data/log/memtune.log");
    }

    /** {@code bin/memtune args...} on {@code jdk}, from a directory that is not the installation; output and errors merged. */
    ProcessBuilder process(Path jdk, String... args) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/memtune").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", jdk.toString());
        builder.environment().remove("MEMTUNE_ENV");
        builder.environment().remove("MEMTUNE_OPTS");
        builder.directory(Path.of(System.getProperty("java.io.tmpdir")).toFile()); // not the installation
        return builder;
    }

    /** What a command printed, and its exit code. */
    record Result(int exit, String output) {
    }

    /** {@code bin/memtune client "command"}; a failure to run it at all is a result too (exit -1). */
    Result client(Path jdk, String command) {
        try {
            Process p = process(jdk, "client", command).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "client timed out: " + output);
            }
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }

    /** The log's size now: what a test reads from, to see only its own run's lines. */
    long logSize() throws IOException {
        return Files.exists(log()) ? Files.size(log()) : 0;
    }

    /** A file's text from {@code offset} on; empty when it cannot be read (not there yet). */
    static String textSince(Path file, long offset) {
        try {
            byte[] all = Files.readAllBytes(file);
            return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Polls {@code condition} until it holds, for at most {@link #TIMEOUT}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, TIMEOUT, condition);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what);
            }
            Thread.sleep(100); // the polling period, not a wait for the condition
        }
    }

    /** The status of a GET, or -1 when it got no answer (refused, reset, timed out). */
    static int statusOfGet(HttpClient http, URI uri, Duration timeout) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(timeout).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The status of a POST of {@code body}, or -1 when it got no answer (refused, reset, timed out). */
    static int statusOfPost(HttpClient http, URI uri, byte[] body, Duration timeout) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(timeout).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops a container with SIGTERM, as a service manager does; SIGKILL if it has not stopped within the launcher's own stop timeout. */
    static boolean stop(Process container) throws InterruptedException {
        container.destroy();
        if (container.waitFor(40, TimeUnit.SECONDS)) {
            return true;
        }
        container.destroyForcibly();
        container.waitFor(10, TimeUnit.SECONDS);
        return false;
    }

    /** Deletes a directory and everything in it; nothing when it is not there. */
    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
