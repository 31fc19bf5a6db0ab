package io.memtune.shell.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.osgi.framework.Bundle;

/**
 * What the deploy folder holds and what the framework made of each jar: FileInstall installs and starts what it
 * can and only logs the rest; this says, per file, which bundle it became and in which state, or why it did not
 * (not a zip, no manifest, not a bundle, unresolved requirements, an activator that fails, another version
 * installed first, the same bundle as another file or as a bundle of the container).
 * <p>
 * No file is read whole: installed jars are not opened at all, the others only at their end (see
 * {@link JarIdentity}).
 */
final class DeployFolderInspector {

    private final Function<InstalledBundle, String> whyNotRunning;

    /** @param whyNotRunning the framework's reason a bundle does not resolve or start */
    DeployFolderInspector(Function<InstalledBundle, String> whyNotRunning) {
        this.whyNotRunning = whyNotRunning;
    }

    List<DeployedFile> inspect(Path folder, List<InstalledBundle> bundles) throws IOException {
        Path realFolder = real(folder);
        List<DeployedFile> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path jar : entries) {
                try {
                    // FileInstall names a file by its folder's canonical path and its own name (a symlinked jar
                    // stays itself): compare locations with that
                    files.add(file(realFolder, realFolder.resolve(jar.getFileName()), bundles));
                } catch (NoSuchFileException e) {
                    // deleted since the listing: not there any more
                }
            }
        }
        files.sort(Comparator.comparing(DeployedFile::file));
        return files;
    }

    private DeployedFile file(Path folder, Path jar, List<InstalledBundle> bundles) throws IOException {
        String name = jar.getFileName().toString();
        long size = Files.size(jar);
        Optional<InstalledBundle> own = bundles.stream().filter(b -> jar.equals(fileOf(b))).findFirst();
        if (own.isPresent()) {
            InstalledBundle b = own.get();
            return new DeployedFile(name, size, b.identity(), b.id(), b.stateName(),
                    b.failedToStart() ? whyNotRunning(folder, b, bundles) : null);
        }
        JarIdentity read = JarIdentity.read(jar);
        if (read.bundle() == null) {
            return new DeployedFile(name, size, null, -1, DeployedFile.NOT_INSTALLED, read.problem());
        }
        return new DeployedFile(name, size, read.bundle(), -1, DeployedFile.NOT_INSTALLED,
                whyNotInstalled(folder, read.bundle(), bundles));
    }

    /** Another version installed first keeps it from resolving; else the framework says why. */
    private String whyNotRunning(Path folder, InstalledBundle bundle, List<InstalledBundle> bundles) {
        Optional<InstalledBundle> first = bundle.state() == Bundle.INSTALLED
                ? OneVersionPerBundle.installedBefore(bundle, bundles, InstalledBundle::id, InstalledBundle::symbolicName)
                : Optional.empty();
        return first.map(f -> DeployReasons.anotherVersionFirst(f, deployFileName(folder, f)))
                .orElseGet(() -> whyNotRunning.apply(bundle));
    }

    /** A readable bundle no bundle was installed from: most often the same bundle is installed from elsewhere. */
    private static String whyNotInstalled(Path folder, BundleIdentity identity, List<InstalledBundle> bundles) {
        return bundles.stream().filter(b -> identity.equals(b.identity())).findFirst()
                .map(same -> DeployReasons.sameBundle(same, deployFileName(folder, same)))
                .orElse(DeployReasons.REFUSED_OR_NOT_SEEN_YET);
    }

    /** The name of the deploy file a bundle was installed from, or empty for a bundle of the container. */
    private static Optional<String> deployFileName(Path folder, InstalledBundle bundle) {
        Path file = fileOf(bundle);
        return file != null && folder.equals(file.getParent()) ? Optional.of(file.getFileName().toString())
                : Optional.empty();
    }

    /** FileInstall installs a file with its URI as the bundle's location; null for any other location. */
    private static Path fileOf(InstalledBundle bundle) {
        String location = bundle.location();
        if (location == null || !location.startsWith("file:")) {
            return null;
        }
        try {
            return Path.of(URI.create(location)).normalize();
        } catch (IllegalArgumentException e) {
            return null; // a location that is no plain file URI: not FileInstall's
        }
    }

    /** The folder as FileInstall names it: its canonical path (the deploy folder may be a symlink). */
    private static Path real(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return folder.toAbsolutePath().normalize();
        }
    }
}
