package io.memtune.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

class DeployFolderInspectorTest {

    /** Beyond the largest byte[] (2^31 - 1): reading the file whole into memory cannot even be tried. */
    private static final long THREE_GIB = 3L << 30;

    private final List<String> askedWhyNotRunning = new ArrayList<>();
    private final DeployFolderInspector inspector = new DeployFolderInspector(b -> {
        askedWhyNotRunning.add(b.identity().symbolicName());
        return "the framework's reason for " + b.identity().symbolicName();
    });

    @Test
    void aCorruptJarIsNamedCorrupt(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("broken.jar"), new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2, 3});
        DeployedFile file = only(inspector.inspect(dir, List.of()));
        assertEquals(DeployedFile.NOT_INSTALLED, file.state());
        assertTrue(file.problem().startsWith("not a readable jar"), file.problem());
    }

    @Test
    void aPlainJarIsNamedNotABundle(@TempDir Path dir) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        writeJar(dir.resolve("library.jar"), manifest);
        String problem = only(inspector.inspect(dir, List.of())).problem();
        assertTrue(problem.contains("no Bundle-SymbolicName"), problem);
    }

    @Test
    void aJarWithoutManifestIsNamedSo(@TempDir Path dir) throws IOException {
        writeJar(dir.resolve("bare.jar"), null);
        String problem = only(inspector.inspect(dir, List.of())).problem();
        assertTrue(problem.contains("no META-INF/MANIFEST.MF"), problem);
    }

    @Test
    void aThreeGigabyteSparseFileIsReportedUnreadableWithItsSizeWithoutBeingReadWhole(@TempDir Path dir)
            throws IOException {
        try (RandomAccessFile huge = new RandomAccessFile(dir.resolve("huge.jar").toFile(), "rw")) {
            huge.setLength(THREE_GIB); // a hole: no disk used, zeros when read
        }
        DeployedFile file = only(inspector.inspect(dir, List.of()));
        assertEquals(THREE_GIB, file.bytes());
        assertEquals(DeployedFile.NOT_INSTALLED, file.state());
        assertTrue(file.problem().startsWith("not a readable jar (zip END header not found)"), file.problem());
    }

    @Test
    void aSecondVersionIsNamedNotResolvedBecauseTheFirstCameFirstAndBothAreListedAsOneBundle(@TempDir Path dir)
            throws IOException {
        Path first = writeBundle(dir.resolve("plugin-1.0.0.jar"), "io.example.plugin", "1.0.0");
        Path second = writeBundle(dir.resolve("plugin-1.1.0.jar"), "io.example.plugin", "1.1");
        List<DeployedFile> files = inspector.inspect(dir, List.of(
                installed(50, "io.example.plugin", "1.0.0", fileInstallLocation(first), Bundle.ACTIVE),
                installed(51, "io.example.plugin", "1.1.0", fileInstallLocation(second), Bundle.INSTALLED)));

        assertEquals("ACTIVE", files.get(0).state());
        assertEquals(50, files.get(0).bundleId());
        assertNull(files.get(0).problem());
        DeployedFile idle = files.get(1);
        assertEquals("INSTALLED", idle.state());
        assertEquals(new BundleIdentity("io.example.plugin", "1.1.0"), idle.identity());
        assertTrue(idle.problem().startsWith("not resolved: io.example.plugin 1.0.0 (bundle 50, from plugin-1.0.0.jar)"
                + " came first, and the container runs one version of a bundle at a time"), idle.problem());
        assertTrue(idle.problem().endsWith("delete plugin-1.0.0.jar (this one then starts by itself)"), idle.problem());
        assertEquals(List.of(), askedWhyNotRunning, "our reason, not a start attempt");
        assertEquals(List.of("io.example.plugin is in 2 files: plugin-1.0.0.jar (1.0.0, ACTIVE),"
                + " plugin-1.1.0.jar (1.1.0, INSTALLED); keep one, delete the others"), DuplicateBundles.in(files));
    }

    @Test
    void aSecondVersionFileInstallHasNotInstalledYetIsListedAsTheSameBundle(@TempDir Path dir) throws IOException {
        Path first = writeBundle(dir.resolve("plugin-1.0.0.jar"), "io.example.plugin", "1.0.0");
        writeBundle(dir.resolve("plugin-1.1.0.jar"), "io.example.plugin", "1.1.0");
        List<DeployedFile> files = inspector.inspect(dir,
                List.of(installed(50, "io.example.plugin", "1.0.0", fileInstallLocation(first), Bundle.ACTIVE)));
        assertEquals(DeployReasons.REFUSED_OR_NOT_SEEN_YET, files.get(1).problem());
        assertEquals(1, DuplicateBundles.in(files).size(), "still the same bundle twice");
    }

    @Test
    void ofOneSymbolicNameTheFirstInstalledRunsWhateverTheVersions() {
        List<InstalledBundle> installed = List.of(installed(3, "a", "2.0.0", "x", Bundle.ACTIVE),
                installed(7, "b", "1.0.0", "x", Bundle.ACTIVE), installed(9, "a", "1.0.0", "x", Bundle.INSTALLED),
                installed(12, "a", "3.0.0", "x", Bundle.INSTALLED),
                new InstalledBundle(14, null, "x", Bundle.ACTIVE, false));
        assertEquals(Optional.empty(), firstOfItsName(installed.get(0), installed));
        assertEquals(Optional.of(installed.get(0)), firstOfItsName(installed.get(2), installed));
        assertEquals(Optional.of(installed.get(0)), firstOfItsName(installed.get(3), installed));
        assertEquals(Optional.empty(), firstOfItsName(installed.get(1), installed));
        assertEquals(Optional.empty(), firstOfItsName(installed.get(4), installed), "no name, no rule");
    }

    private static Optional<InstalledBundle> firstOfItsName(InstalledBundle bundle, List<InstalledBundle> installed) {
        return OneVersionPerBundle.installedBefore(bundle, installed, InstalledBundle::id, InstalledBundle::symbolicName);
    }

    @Test
    void theSameVersionUnderAnotherNameIsNamedOneBundleThatDeletingEitherFileUninstallsAndHowToRecover(@TempDir Path dir)
            throws IOException {
        Path original = writeBundle(dir.resolve("plugin.jar"), "io.example.plugin;singleton:=true", "1.0.0");
        writeBundle(dir.resolve("plugin-copy.jar"), "io.example.plugin", "1.0.0");
        List<DeployedFile> files = inspector.inspect(dir,
                List.of(installed(50, "io.example.plugin", "1.0.0", fileInstallLocation(original), Bundle.ACTIVE)));

        DeployedFile copy = files.get(0);
        assertEquals("plugin-copy.jar", copy.file());
        assertEquals(DeployedFile.NOT_INSTALLED, copy.state());
        assertTrue(copy.problem().startsWith("the same bundle as plugin.jar (bundle 50): FileInstall installs no second"
                + " copy, it updates bundle 50 from this file instead and ties both files to it: deleting either"
                + " uninstalls bundle 50, and the other then stays uninstalled until you move it out of deploy/ and"
                + " back a few seconds later"), copy.problem());
        assertEquals(List.of("io.example.plugin is in 2 files: plugin-copy.jar (1.0.0, NOT INSTALLED),"
                + " plugin.jar (1.0.0, ACTIVE); keep one, delete the others"), DuplicateBundles.in(files));
    }

    @Test
    void aCopyOfABundleOfTheContainerSaysThatDeletingItUninstallsTheContainersBundle(@TempDir Path dir)
            throws IOException {
        writeBundle(dir.resolve("tuner.jar"), "io.memtune.tuner", "0.1.0.SNAPSHOT");
        String location = "reference:file:/opt/memtune/bundle/5/io.memtune.tuner-0.1.0-SNAPSHOT.jar";
        DeployedFile copy = only(inspector.inspect(dir,
                List.of(installed(47, "io.memtune.tuner", "0.1.0.SNAPSHOT", location, Bundle.ACTIVE))));
        assertTrue(copy.problem().startsWith("the same bundle as the container's bundle 47 (" + location + "):"
                + " FileInstall updates that bundle from this file instead, and deleting this file uninstalls it"),
                copy.problem());
        assertTrue(copy.problem().endsWith("replace its jar under bundle/ and restart"), copy.problem());
    }

    @Test
    void anotherVersionOfABundleOfTheContainerIsNamedNotResolvedWithTheWayToReplaceIt(@TempDir Path dir)
            throws IOException {
        Path jar = writeBundle(dir.resolve("tuner-2.jar"), "io.memtune.tuner", "2.0.0");
        DeployedFile idle = only(inspector.inspect(dir, List.of(
                installed(47, "io.memtune.tuner", "0.1.0.SNAPSHOT",
                        "reference:file:/opt/memtune/bundle/5/io.memtune.tuner-0.1.0-SNAPSHOT.jar", Bundle.ACTIVE),
                installed(70, "io.memtune.tuner", "2.0.0", fileInstallLocation(jar), Bundle.INSTALLED))));
        assertTrue(idle.problem().startsWith("not resolved: io.memtune.tuner 0.1.0.SNAPSHOT (bundle 47) is a bundle of"
                + " the container"), idle.problem());
        assertTrue(idle.problem().endsWith("replace its jar under bundle/ and restart"), idle.problem());
    }

    @Test
    void onlyABundleThatFailedToStartIsAskedWhyAndAResolvedFragmentIsFine(@TempDir Path dir) throws IOException {
        Path failing = writeBundle(dir.resolve("failing.jar"), "it.failing", "1.0.0");
        Path fragment = writeBundle(dir.resolve("fragment.jar"), "it.fragment", "1.0.0");
        Path running = writeBundle(dir.resolve("running.jar"), "it.running", "1.0.0");
        List<DeployedFile> files = inspector.inspect(dir, List.of(
                installed(60, "it.failing", "1.0.0", fileInstallLocation(failing), Bundle.RESOLVED),
                new InstalledBundle(61, new BundleIdentity("it.fragment", "1.0.0"), fileInstallLocation(fragment),
                        Bundle.RESOLVED, true),
                installed(62, "it.running", "1.0.0", fileInstallLocation(running), Bundle.ACTIVE)));
        assertEquals("the framework's reason for it.failing", files.get(0).problem());
        assertNull(files.get(1).problem());
        assertNull(files.get(2).problem());
        assertEquals(List.of("it.failing"), askedWhyNotRunning);
        assertEquals(List.of(), DuplicateBundles.in(files));
    }

    @Test
    void aDeployFolderReachedThroughASymlinkMatchesFileInstallsCanonicalLocations(@TempDir Path dir)
            throws IOException {
        Path real = Files.createDirectory(dir.resolve("real-deploy"));
        Path link = Files.createSymbolicLink(dir.resolve("deploy"), real);
        Path jar = writeBundle(real.resolve("plugin.jar"), "io.example.plugin", "1.0.0");
        DeployedFile file = only(inspector.inspect(link,
                List.of(installed(50, "io.example.plugin", "1.0.0", fileInstallLocation(jar), Bundle.ACTIVE))));
        assertEquals("ACTIVE", file.state());
        assertEquals(50, file.bundleId());
    }

    @Test
    void aManifestsNameLosesItsDirectivesAndItsVersionIsWrittenAsTheFrameworkWritesIt() {
        assertEquals(new BundleIdentity("io.example.plugin", "1.1.0"),
                BundleIdentity.fromHeaders(" io.example.plugin ; singleton:=true", "1.1"));
        assertEquals("0.0.0", BundleIdentity.fromHeaders("x", null).version());
        assertEquals("not-a-version", BundleIdentity.fromHeaders("x", "not-a-version").version());
    }

    private static DeployedFile only(List<DeployedFile> files) {
        assertEquals(1, files.size(), files.toString());
        return files.get(0);
    }

    private static InstalledBundle installed(long id, String name, String version, String location, int state) {
        return new InstalledBundle(id, new BundleIdentity(name, version), location, state, false);
    }

    /** As FileInstall writes it: the canonical path's {@code file:} URI. */
    private static String fileInstallLocation(Path jar) throws IOException {
        return jar.toRealPath().toFile().toURI().normalize().toString();
    }

    private static Path writeBundle(Path jar, String symbolicName, String version) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        manifest.getMainAttributes().putValue("Bundle-Version", version);
        return writeJar(jar, manifest);
    }

    private static Path writeJar(Path jar, Manifest manifest) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = manifest == null ? new JarOutputStream(out) : new JarOutputStream(out, manifest)) {
            j.flush();
        }
        return jar;
    }
}
