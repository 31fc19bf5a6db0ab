package io.memtune.itests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * A bundle updated by a test, as an operator would retry it. Felix fails an update with "Unable to acquire global lock
 * for resolve" when, while the updating thread holds the bundle's lock, another thread holding the framework's global
 * lock (a resolve or a refresh the container runs as it settles: FileInstall's poll, a resolver hook's refresh) needs
 * that bundle: Felix interrupts the updater to break the deadlock, by design. Seen on 2026-12-04 in a clean-clone CI run
 * and in 2 of 14 runs of {@code ClassLoaderLeakIT} alone, each time on an update seconds after the container started;
 * the failed update then left a revision behind that the next test counted as a leak. The update is tried again; any
 * other failure is the test's.
 */
final class BundleUpdates {

    private static final int ATTEMPTS = 5;
    private static final long PAUSE_MILLIS = 200;

    private BundleUpdates() {
    }

    /** Updates {@code bundle} from {@code jar}; null: from its own location. */
    static void update(Bundle bundle, Path jar) throws BundleException, IOException, InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                if (jar == null) {
                    bundle.update();
                } else {
                    try (InputStream in = Files.newInputStream(jar)) {
                        bundle.update(in);
                    }
                }
                return;
            } catch (BundleException e) {
                if (attempt == ATTEMPTS || e.getMessage() == null || !e.getMessage().contains("global lock")) {
                    throw e;
                }
                System.err.println("update of " + bundle.getSymbolicName() + " met the framework's global lock held"
                        + " elsewhere (" + e.getMessage() + "); attempt " + (attempt + 1) + " of " + ATTEMPTS);
                Thread.sleep(PAUSE_MILLIS);
            }
        }
    }
}
