package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The deploy folder (Felix FileInstall): a jar dropped in is installed and started, deleted is uninstalled. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeployFolderIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Inject
    private BundleContext context;

    @Inject
    private org.apache.felix.service.command.CommandProcessor shell;

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container("{}"));
    }

    @Test
    public void droppedBundleIsInstalledAndStartedAndRemovedWithItsFile() throws Exception {
        Path deploy = new Workspace(context).deployFolder();
        // copied in under another name, then renamed: FileInstall never sees a half-written jar
        Path partial = deploy.resolve("it-deployed.jar.part");
        TestBundles.write(partial, "it.deployed", "1.0.0");
        Path jar = deploy.resolve("it-deployed.jar");
        Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE);
        Workspace.await("it.deployed ACTIVE", TIMEOUT, () -> {
            Bundle b = find("it.deployed");
            return b != null && b.getState() == Bundle.ACTIVE;
        });

        Files.delete(jar);
        Workspace.await("it.deployed uninstalled", TIMEOUT, () -> find("it.deployed") == null);
    }

    @Test
    public void anOverwrittenJarUpdatesItsBundleAndABrokenOneChangesNothingElse() throws Exception {
        Path deploy = new Workspace(context).deployFolder();
        Path jar = deploy.resolve("it-versioned.jar");
        Path partial = deploy.resolve("it-versioned.jar.part");
        TestBundles.write(partial, "it.versioned", "1.0.0");
        Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE);
        Workspace.await("it.versioned 1.0.0 ACTIVE", TIMEOUT, () -> {
            Bundle b = find("it.versioned");
            return b != null && b.getState() == Bundle.ACTIVE && b.getVersion().toString().equals("1.0.0");
        });
        long id = find("it.versioned").getBundleId();
        TestBundles.write(partial, "it.versioned", "2.0.0");
        Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Workspace.await("updated in place to 2.0.0", TIMEOUT, () -> {
            Bundle b = find("it.versioned");
            return b != null && b.getVersion().toString().equals("2.0.0") && b.getState() == Bundle.ACTIVE;
        });
        assertEquals("an update, not a new bundle", id, find("it.versioned").getBundleId());

        int bundles = context.getBundles().length;
        Files.write(deploy.resolve("it-corrupt.jar"), new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2, 3});
        awaitScannedPast(deploy);
        assertEquals("a corrupt jar installs nothing", bundles, context.getBundles().length);
        assertEquals(Bundle.ACTIVE, find("it.versioned").getState());
        Files.delete(deploy.resolve("it-corrupt.jar"));
        Files.delete(jar);
        Workspace.await("it.versioned uninstalled", TIMEOUT, () -> find("it.versioned") == null);
    }

    @Test
    public void brokenJarsAreReportedWithTheirReasonByTheDeployCommand() throws Exception {
        Path deploy = new Workspace(context).deployFolder();
        Files.write(deploy.resolve("it-garbage.jar"), new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2, 3});
        Path partial = deploy.resolve("it-unresolved.jar.part");
        TestBundles.write(partial, "it.unresolved", "1.0.0", java.util.Map.of("Import-Package", "com.example.nowhere"));
        Files.move(partial, deploy.resolve("it-unresolved.jar"), StandardCopyOption.ATOMIC_MOVE);
        Workspace.await("it.unresolved installed", TIMEOUT, () -> find("it.unresolved") != null);

        String report = ShellCommands.run(shell, "memtune:deploy");
        assertTrue(report, report.matches("(?s).*it-garbage\\.jar .*NOT INSTALLED.*not a readable jar.*"));
        assertTrue(report, report.matches("(?s).*it-unresolved\\.jar .*INSTALLED .*it\\.unresolved 1\\.0\\.0.*"
                + "com\\.example\\.nowhere.*"));
        Files.delete(deploy.resolve("it-garbage.jar"));
        Files.delete(deploy.resolve("it-unresolved.jar"));
        Workspace.await("it.unresolved uninstalled", TIMEOUT, () -> find("it.unresolved") == null);
    }

    @Test
    public void aBundleWhoseActivatorFailsIsReportedAndTheRestRuns() throws Exception {
        Path deploy = new Workspace(context).deployFolder();
        Path partial = deploy.resolve("it-activator.jar.part");
        TestBundles.write(partial, "it.activator", "1.0.0", java.util.Map.of("Bundle-Activator", "it.NoSuchActivator"));
        Files.move(partial, deploy.resolve("it-activator.jar"), StandardCopyOption.ATOMIC_MOVE);
        Workspace.await("it.activator installed", TIMEOUT, () -> find("it.activator") != null);

        String report = ShellCommands.run(shell, "memtune:deploy");
        assertTrue(report, report.matches("(?s).*it-activator\\.jar .*RESOLVED .*it\\.activator 1\\.0\\.0.*NoSuchActivator.*"));
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("io.memtune.")) {
                assertEquals(b.getSymbolicName() + " still runs", Bundle.ACTIVE, b.getState());
            }
        }
        Files.delete(deploy.resolve("it-activator.jar"));
        Workspace.await("it.activator uninstalled", TIMEOUT, () -> find("it.activator") == null);
    }

    @Test
    public void filesThatAreNotJarsAreIgnored() throws Exception {
        Path deploy = new Workspace(context).deployFolder();
        TestBundles.write(deploy.resolve("it-ignored.jar.part"), "it.ignored", "1.0.0");
        Files.writeString(deploy.resolve("notes.txt"), "not a bundle");
        awaitScannedPast(deploy);
        assertNull(find("it.ignored"));
    }

    /**
     * Waits until FileInstall has scanned the folder after the files written so far: a marker bundle dropped
     * in afterwards is installed by that scan or a later one; it is removed again before returning.
     */
    private void awaitScannedPast(Path deploy) throws Exception {
        Path marker = deploy.resolve("it-marker.jar");
        Path partial = deploy.resolve("it-marker.jar.part");
        TestBundles.write(partial, "it.marker", "1.0.0");
        Files.move(partial, marker, StandardCopyOption.ATOMIC_MOVE);
        Workspace.await("the marker installed", TIMEOUT, () -> find("it.marker") != null);
        Files.delete(marker);
        Workspace.await("the marker removed", TIMEOUT, () -> find("it.marker") == null);
    }

    private Bundle find(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }
}
