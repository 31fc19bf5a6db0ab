package io.memtune.shell.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Which bundle a jar of the deploy folder claims to be, or why it is none. The jar is not read whole: a zip
 * is read from its end (the central directory, then the manifest entry alone), so a multi-gigabyte file costs
 * what a small one does; a huge file that is no zip at all fails at its last 64 KiB.
 *
 * @param bundle the bundle its manifest names, or null
 * @param problem why it is not a bundle (null when it is one)
 */
record JarIdentity(BundleIdentity bundle, String problem) {

    static JarIdentity read(Path jar) {
        // verify=false: only the manifest is wanted, not the signature files of a signed jar
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                return new JarIdentity(null, "not a bundle: the jar has no META-INF/MANIFEST.MF");
            }
            String name = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            if (name == null || name.isBlank()) {
                return new JarIdentity(null, "not a bundle: its manifest has no Bundle-SymbolicName");
            }
            return new JarIdentity(BundleIdentity.fromHeaders(name,
                    manifest.getMainAttributes().getValue("Bundle-Version")), null);
        } catch (IOException | SecurityException e) {
            return new JarIdentity(null, "not a readable jar (" + e.getMessage() + "): corrupt or still being copied");
        }
    }
}
