package io.memtune.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.osgi.framework.BundleContext;

/**
 * The test's files, seen from inside the framework (where the test methods run): the environment file,
 * the deploy folder; and waiting for what the container does asynchronously.
 */
public final class Workspace {

    static final String WORK_PROPERTY = "memtune.itests.work.dir";

    private final Path work;

    public Workspace(BundleContext context) {
        this.work = Path.of(context.getProperty(WORK_PROPERTY));
    }

    public Path environmentFile() {
        return work.resolve("config/environments/" + MemtuneOptions.ENVIRONMENT + ".json");
    }

    public Path deployFolder() {
        return work.resolve("deploy");
    }

    /** The test's work directory ({@link MemtuneOptions#WORK} in its environment file). */
    public Path work() {
        return work;
    }

    /** Writes a file under the work directory, creating directories, atomically (as a deployment would). */
    public Path write(String relative, String content) throws IOException {
        Path file = work.resolve(relative);
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /**
     * Replaces the environment file atomically, as an editor or a ConfigMap update would
     * ({@link MemtuneOptions#WORK} stands for the work directory, as in the first file).
     */
    public void writeEnvironment(String json) throws IOException {
        Path temp = environmentFile().resolveSibling("." + MemtuneOptions.ENVIRONMENT + ".json.tmp");
        Files.writeString(temp, json.replace(MemtuneOptions.WORK, work.toString()));
        Files.move(temp, environmentFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits for a condition with a deadline; fails with {@code what} when it does not hold in time. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }
}
