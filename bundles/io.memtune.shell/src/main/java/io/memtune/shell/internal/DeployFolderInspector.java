package io.memtune.shell.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;

/**
 * What the deploy folder holds and what the framework made of each jar: FileInstall installs and starts what it
 * can and only logs the rest; this says, per file, which bundle it became and in which state, or why it did not
 * (not a zip, no manifest, not a bundle, unresolved requirements, an activator that fails).
 */
final class DeployFolderInspector {

    private final Function<Bundle, String> whyNotRunning;

    /** @param whyNotRunning the framework's reason a bundle does not resolve or start */
    DeployFolderInspector(Function<Bundle, String> whyNotRunning) {
        this.whyNotRunning = whyNotRunning;
    }

    List<DeployedFile> inspect(Path folder, Bundle[] bundles) throws IOException {
        List<DeployedFile> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path jar : entries) {
                files.add(file(jar, bundles));
            }
        }
        files.sort(java.util.Comparator.comparing(DeployedFile::file));
        return files;
    }

    private DeployedFile file(Path jar, Bundle[] bundles) throws IOException {
        String name = jar.getFileName().toString();
        long size = Files.size(jar);
        Bundle bundle = installedFrom(jar, bundles);
        if (bundle == null) {
            return new DeployedFile(name, size, null, -1, "NOT INSTALLED", whyNotABundle(jar));
        }
        String state = state(bundle.getState());
        // FileInstall starts what it installs: INSTALLED did not resolve, RESOLVED failed to start (its activator
        // threw, say); fragments never start and are fine RESOLVED
        boolean fragment = bundle.getHeaders().get("Fragment-Host") != null;
        boolean notRunning = bundle.getState() == Bundle.INSTALLED || bundle.getState() == Bundle.RESOLVED && !fragment;
        String problem = notRunning ? whyNotRunning.apply(bundle) : null;
        return new DeployedFile(name, size, bundle.getSymbolicName() + " " + bundle.getVersion(), bundle.getBundleId(), state,
                problem);
    }

    /** FileInstall installs a file with its URI as the bundle's location. */
    private static Bundle installedFrom(Path jar, Bundle[] bundles) {
        Path wanted = jar.toAbsolutePath().normalize();
        for (Bundle b : bundles) {
            String location = b.getLocation();
            if (location != null && location.startsWith("file:")) {
                try {
                    if (Path.of(URI.create(location)).toAbsolutePath().normalize().equals(wanted)) {
                        return b;
                    }
                } catch (IllegalArgumentException e) {
                    // a location that is no plain file URI: not FileInstall's
                }
            }
        }
        return null;
    }

    static String whyNotABundle(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                return "not a bundle: the jar has no META-INF/MANIFEST.MF";
            }
            if (manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                return "not a bundle: its manifest has no Bundle-SymbolicName";
            }
            return "a bundle the framework refused or FileInstall has not seen yet (it polls every second): see the log";
        } catch (IOException e) {
            return "not a readable jar (" + e.getMessage() + "): corrupt or still being copied";
        }
    }

    private static String state(int state) {
        switch (state) {
            case Bundle.ACTIVE:
                return "ACTIVE";
            case Bundle.RESOLVED:
                return "RESOLVED";
            case Bundle.INSTALLED:
                return "INSTALLED";
            case Bundle.STARTING:
                return "STARTING";
            case Bundle.STOPPING:
                return "STOPPING";
            default:
                return "UNINSTALLED";
        }
    }
}
