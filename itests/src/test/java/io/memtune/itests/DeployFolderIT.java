package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

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
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import io.memtune.api.optimizer.OptimizationPass;

/**
 * The deploy folder (Felix FileInstall): a jar dropped in is installed and started, deleted is uninstalled; what
 * cannot run is reported by {@code memtune:deploy} and changes nothing else.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeployFolderIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** Beyond the largest byte[] (2^31 - 1): nothing can read it whole into memory. */
    private static final long HUGE = 3L << 30;
    /** A valid bundle this large is copied once into the framework's cache: real disk, so kept moderate. */
    private static final long LARGE = 256L << 20;

    @Inject
    private BundleContext context;

    @Inject
    private org.apache.felix.service.command.CommandProcessor shell;

    @Inject
    private ServiceComponentRuntime scr;

    @Configuration
    public Option[] configuration() {
        // templates to render while the deploy folder is busy
        return options(MemtuneOptions.container("{\n"
                + "  \"io.memtune.template\": {\"templates.root\": \"" + MemtuneOptions.WORK + "/templates\"}\n"
                + "}\n"));
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
        // installed first, then started in the same scan: the start's failure leaves it RESOLVED
        Workspace.await("it.activator resolved, its start failed", TIMEOUT,
                () -> find("it.activator") != null && find("it.activator").getState() == Bundle.RESOLVED);

        String report = ShellCommands.run(shell, "memtune:deploy");
        assertTrue(report, report.matches("(?s).*it-activator\\.jar .*RESOLVED .*it\\.activator 1\\.0\\.0.*NoSuchActivator.*"));
        assertEveryMemtuneBundleRuns();
        Files.delete(deploy.resolve("it-activator.jar"));
        Workspace.await("it.activator uninstalled", TIMEOUT, () -> find("it.activator") == null);
    }

    @Test
    public void aComponentThatFailsToActivateIsReportedAndTheRestRuns() throws Exception {
        Path deploy = new Workspace(context).deployFolder();
        Path partial = deploy.resolve("it-failing.jar.part");
        TestBundles.writeWithFailingComponent(partial, "it.failing", "it.failing.component");
        Files.move(partial, deploy.resolve("it-failing.jar"), StandardCopyOption.ATOMIC_MOVE);
        Workspace.await("it.failing.component failed to activate", TIMEOUT, () -> failureOf("it.failing.component") != null);

        assertTrue(failureOf("it.failing.component"),
                failureOf("it.failing.component").contains(io.memtune.itests.fixtures.ThrowingComponent.FAILURE));
        String info = ShellCommands.run(shell, "scr:info it.failing.component");
        assertTrue(info, info.contains(io.memtune.itests.fixtures.ThrowingComponent.FAILURE));
        Workspace.await("the bundle itself runs", TIMEOUT, () -> find("it.failing").getState() == Bundle.ACTIVE);
        assertEveryMemtuneBundleRuns();
        String deployed = ShellCommands.run(shell, "memtune:deploy");
        assertTrue(deployed, deployed.matches("(?s).*it-failing\\.jar .*ACTIVE.*"));
        Files.delete(deploy.resolve("it-failing.jar"));
        Workspace.await("it.failing uninstalled", TIMEOUT, () -> find("it.failing") == null);
    }

    /** The failure of the named component's configuration when it failed to activate, else null. */
    private String failureOf(String componentName) {
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (d.name.equals(componentName)) {
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        return String.valueOf(c.failure);
                    }
                }
            }
        }
        return null;
    }

    @Test
    public void filesThatAreNotJarsAreIgnored() throws Exception {
        Path deploy = new Workspace(context).deployFolder();
        TestBundles.write(deploy.resolve("it-ignored.jar.part"), "it.ignored", "1.0.0");
        Files.writeString(deploy.resolve("notes.txt"), "not a bundle");
        awaitScannedPast(deploy);
        assertNull(find("it.ignored"));
    }

    @Test
    public void aHugeFileAndALargeBundleAreNotReadWholeTheContainerAnswersMeanwhileAndRemovedLeaveNoTrace()
            throws Exception {
        Workspace workspace = new Workspace(context);
        Path deploy = workspace.deployFolder();
        workspace.write("templates/acme/hello.mustache", "hello {{name}}");
        Map<Long, String> before = bundles();
        long readBefore = bytesReadByThisProcess();
        String report;
        URI render = URI.create("http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port")
                + "/render/acme/hello");
        try (RenderLoad load = new RenderLoad(render, "{\"name\": \"x\"}", 1)) {
            // 3 GiB of nothing (a log or a dump given the wrong name, say) and a valid 256 MiB bundle
            Path huge = deploy.resolve("huge.jar.part");
            try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
                file.setLength(HUGE);
            }
            Files.move(huge, deploy.resolve("huge.jar"), StandardCopyOption.ATOMIC_MOVE);
            Path large = deploy.resolve("large.jar.part");
            TestBundles.writeWithLargeEntry(large, "it.large", "1.0.0", LARGE);
            Files.move(large, deploy.resolve("large.jar"), StandardCopyOption.ATOMIC_MOVE);

            Workspace.await("it.large ACTIVE", Duration.ofSeconds(30), () -> {
                Bundle b = find("it.large");
                return b != null && b.getState() == Bundle.ACTIVE;
            });
            report = ShellCommands.run(shell, "memtune:deploy");
            awaitScannedPast(deploy);
            assertTrue("renders answered meanwhile: " + load.ok(), load.ok() > 0);
            assertEquals("failed renders: " + load.failures(), 0, load.failed());
        }
        long read = bytesReadByThisProcess() - readBefore;
        // the framework streams the large bundle once into its cache; nothing reads the huge file
        assertTrue("this JVM read " + read + " bytes meanwhile: more than the one copy of the large bundle the"
                + " framework makes", read < LARGE + (64 << 20));
        assertTrue(report, report.matches("(?s).*huge\\.jar +" + HUGE + " B  NOT INSTALLED.*\n"
                + " +not a readable jar \\(zip END header not found\\).*"));
        assertTrue(report, report.matches("(?s).*large\\.jar +" + Files.size(deploy.resolve("large.jar"))
                + " B  ACTIVE +\\[\\d+\\] it\\.large 1\\.0\\.0\n.*"));
        assertEveryMemtuneBundleRuns();
        Map<Long, String> during = bundles();
        during.remove(find("it.large").getBundleId());
        assertEquals("the other bundles unchanged (id, name, state, last modified)", before, during);

        Files.delete(deploy.resolve("huge.jar"));
        Files.delete(deploy.resolve("large.jar"));
        Workspace.await("it.large uninstalled", TIMEOUT, () -> find("it.large") == null);
        Workspace.await("no copy of the large bundle left in the framework's cache", TIMEOUT,
                () -> filesInTheFrameworkCacheOfAtLeast(LARGE).isEmpty());
        assertEquals(before, bundles());
        String after = ShellCommands.run(shell, "memtune:deploy");
        assertTrue(after, !after.contains("huge.jar") && !after.contains("large.jar"));
    }

    @Test
    public void aSecondVersionOfABundleStaysIdleWhileTheFirstRunsAndStartsByItselfWhenTheFirstGoes()
            throws Exception {
        Path deploy = new Workspace(context).deployFolder();
        String name = "com.example.memtune.passes";
        String quoted = name.replace(".", "\\.");
        Path partial = deploy.resolve("passes.jar.part");
        Files.copy(TestBundles.examplePass(), partial);
        Files.move(partial, deploy.resolve("passes-1.0.0.jar"), StandardCopyOption.ATOMIC_MOVE);
        Workspace.await("the pass of 1.0.0 registered", TIMEOUT, () -> passesOf(name).size() == 1);
        long first = find(name).getBundleId();

        TestBundles.withVersion(TestBundles.examplePass(), partial, "1.1.0");
        Files.move(partial, deploy.resolve("passes-1.1.0.jar"), StandardCopyOption.ATOMIC_MOVE);
        Workspace.await("1.1.0 installed", TIMEOUT, () -> versionsOf(name).size() == 2);
        awaitScannedPast(deploy); // and FileInstall's attempts to start it made
        long second = idOf(name, "1.1.0");
        assertEquals("the first runs, the second stays idle", List.of(first + " 1.0.0 ACTIVE", second + " 1.1.0 INSTALLED"),
                versionsOf(name));
        assertEquals("one pass registered, not two", 1, passesOf(name).size());
        String report = ShellCommands.run(shell, "memtune:deploy");
        assertTrue(report, report.matches("(?s).*passes-1\\.1\\.0\\.jar .* B  INSTALLED +\\[" + second + "\\] " + quoted
                + " 1\\.1\\.0\n +not resolved: " + quoted + " 1\\.0\\.0 \\(bundle " + first + ", from passes-1\\.0\\.0\\.jar\\)"
                + " came first, and the container runs one version of a bundle at a time.*"));
        assertTrue(report, report.contains(name + " is in 2 files: passes-1.0.0.jar (1.0.0, ACTIVE),"
                + " passes-1.1.0.jar (1.1.0, INSTALLED); keep one"));
        assertEveryMemtuneBundleRuns();

        // as the report says: delete the first, the second starts by itself
        Files.delete(deploy.resolve("passes-1.0.0.jar"));
        Workspace.await("1.1.0 running alone with its pass", TIMEOUT,
                () -> versionsOf(name).equals(List.of(second + " 1.1.0 ACTIVE")) && passesOf(name).size() == 1);
        Files.delete(deploy.resolve("passes-1.1.0.jar"));
        Workspace.await(name + " uninstalled", TIMEOUT, () -> find(name) == null);
    }

    @Test
    public void twoVersionsThatBothRanWhileTheRuleWasAwayAreBroughtToOneWhenItReturns() throws Exception {
        Path deploy = new Workspace(context).deployFolder();
        Path partial = deploy.resolve("it-rule.jar.part");
        TestBundles.write(partial, "it.rule", "1.0.0");
        Files.move(partial, deploy.resolve("it-rule-1.0.0.jar"), StandardCopyOption.ATOMIC_MOVE);
        Workspace.await("it.rule 1.0.0 ACTIVE", TIMEOUT, () -> versionsOf("it.rule").size() == 1
                && versionsOf("it.rule").get(0).endsWith(" 1.0.0 ACTIVE"));
        long first = find("it.rule").getBundleId();

        // the rule lives in the shell bundle: away while it is updated, or before it starts (deploy/ is installed
        // at start level 2, the shell starts at 5)
        Bundle rule = find("io.memtune.shell");
        rule.stop();
        try {
            TestBundles.write(partial, "it.rule", "2.0.0");
            Files.move(partial, deploy.resolve("it-rule-2.0.0.jar"), StandardCopyOption.ATOMIC_MOVE);
            Workspace.await("both versions running, as without the rule", TIMEOUT,
                    () -> versionsOf("it.rule").stream().filter(v -> v.endsWith(" ACTIVE")).count() == 2);
        } finally {
            rule.start();
        }
        long second = idOf("it.rule", "2.0.0");
        Workspace.await("back to one: the first runs, the second idle", TIMEOUT,
                () -> versionsOf("it.rule").equals(List.of(first + " 1.0.0 ACTIVE", second + " 2.0.0 INSTALLED")));
        Workspace.await("the shell back", TIMEOUT, () -> rule.getState() == Bundle.ACTIVE);
        assertEveryMemtuneBundleRuns();
        Files.delete(deploy.resolve("it-rule-1.0.0.jar"));
        Files.delete(deploy.resolve("it-rule-2.0.0.jar"));
        Workspace.await("it.rule uninstalled", TIMEOUT, () -> find("it.rule") == null);
    }

    @Test
    public void theSameBundleUnderTwoNamesIsOneBundleAndDeletingTheCopyTakesItAsTheReportWarns() throws Exception {
        Workspace workspace = new Workspace(context);
        Path deploy = workspace.deployFolder();
        Path partial = deploy.resolve("it-twice.jar.part");
        TestBundles.write(partial, "it.twice", "1.0.0");
        Files.move(partial, deploy.resolve("it-twice.jar"), StandardCopyOption.ATOMIC_MOVE);
        Workspace.await("it.twice ACTIVE", TIMEOUT, () -> find("it.twice") != null
                && find("it.twice").getState() == Bundle.ACTIVE);
        long id = find("it.twice").getBundleId();

        TestBundles.write(partial, "it.twice", "1.0.0");
        Files.move(partial, deploy.resolve("it-twice-copy.jar"), StandardCopyOption.ATOMIC_MOVE);
        awaitScannedPast(deploy);
        assertEquals("one bundle, the first", List.of(id + " 1.0.0 ACTIVE"), versionsOf("it.twice"));
        String report = ShellCommands.run(shell, "memtune:deploy");
        assertTrue(report, report.matches("(?s).*it-twice-copy\\.jar .*NOT INSTALLED +it\\.twice 1\\.0\\.0\n"
                + " +the same bundle as it-twice\\.jar \\(bundle " + id + "\\): FileInstall installs no second copy,"
                + " it updates bundle " + id + " from this file instead and ties both files to it: deleting either"
                + " uninstalls bundle " + id + ".*"));
        assertTrue(report, report.contains("it.twice is in 2 files: it-twice-copy.jar (1.0.0, NOT INSTALLED),"
                + " it-twice.jar (1.0.0, ACTIVE); keep one"));
        assertEveryMemtuneBundleRuns();

        // FileInstall ties the copy to the first file's bundle: deleting the copy uninstalls it, as reported
        Files.delete(deploy.resolve("it-twice-copy.jar"));
        Workspace.await("it.twice uninstalled with the copy", TIMEOUT, () -> find("it.twice") == null);
        String after = ShellCommands.run(shell, "memtune:deploy");
        assertTrue(after, after.matches("(?s).*it-twice\\.jar .*NOT INSTALLED .*move it out of deploy/ and back.*"));
        // and, as the report says, the first file comes back when moved out and back in
        Path aside = workspace.work().resolve("it-twice.jar");
        Files.move(deploy.resolve("it-twice.jar"), aside, StandardCopyOption.ATOMIC_MOVE);
        awaitScannedPast(deploy);
        Files.move(aside, deploy.resolve("it-twice.jar"), StandardCopyOption.ATOMIC_MOVE);
        Workspace.await("it.twice back", TIMEOUT, () -> find("it.twice") != null
                && find("it.twice").getState() == Bundle.ACTIVE);
        Files.delete(deploy.resolve("it-twice.jar"));
        Workspace.await("it.twice uninstalled", TIMEOUT, () -> find("it.twice") == null);
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

    private void assertEveryMemtuneBundleRuns() {
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("io.memtune.")) {
                assertEquals(b.getSymbolicName() + " still runs", Bundle.ACTIVE, b.getState());
            }
        }
    }

    /** Every bundle by id: its name, state and last modification (an update changes it). */
    private Map<Long, String> bundles() {
        Map<Long, String> bundles = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            bundles.put(b.getBundleId(), b.getSymbolicName() + " " + b.getState() + " " + b.getLastModified());
        }
        return bundles;
    }

    /** "id version state" of each bundle of that name. */
    private List<String> versionsOf(String symbolicName) {
        List<String> versions = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                versions.add(b.getBundleId() + " " + b.getVersion() + " " + (b.getState() == Bundle.ACTIVE ? "ACTIVE"
                        : b.getState() == Bundle.INSTALLED ? "INSTALLED" : String.valueOf(b.getState())));
            }
        }
        return versions;
    }

    private long idOf(String symbolicName, String version) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName()) && version.equals(b.getVersion().toString())) {
                return b.getBundleId();
            }
        }
        throw new AssertionError("no " + symbolicName + " " + version + " installed");
    }

    private List<ServiceReference<OptimizationPass>> passesOf(String symbolicName) {
        List<ServiceReference<OptimizationPass>> passes = new ArrayList<>();
        Collection<ServiceReference<OptimizationPass>> all;
        try {
            all = context.getServiceReferences(OptimizationPass.class, null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("no filter, no syntax error", e);
        }
        for (ServiceReference<OptimizationPass> ref : all) {
            if (symbolicName.equals(ref.getBundle().getSymbolicName())) {
                passes.add(ref);
            }
        }
        return passes;
    }

    /**
     * Bytes this JVM has read through system calls (files, sockets), from Linux's {@code /proc/self/io}: a
     * file read whole shows here however it was read (streamed or into one array).
     */
    private static long bytesReadByThisProcess() throws IOException {
        Path io = Path.of("/proc/self/io");
        org.junit.Assume.assumeTrue("needs Linux's /proc/self/io", Files.isReadable(io));
        for (String line : Files.readAllLines(io)) {
            if (line.startsWith("rchar:")) {
                return Long.parseLong(line.substring("rchar:".length()).trim());
            }
        }
        throw new IllegalStateException("no rchar in /proc/self/io");
    }

    /** The framework's storage: the parent of every bundle's data directory. */
    private List<Path> filesInTheFrameworkCacheOfAtLeast(long bytes) {
        Path storage = context.getDataFile("").toPath().getParent().getParent();
        try (Stream<Path> files = Files.walk(storage)) {
            return files.filter(f -> {
                try {
                    return Files.isRegularFile(f) && Files.size(f) >= bytes;
                } catch (IOException e) {
                    return false; // removed while walking
                }
            }).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of(storage); // a directory removed while walking: look again
        }
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
