package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;

import io.memtune.api.profiler.ClassLoaderLeaks;
import io.memtune.itests.fixtures.BriefHolder;

/**
 * The class loader leak check: an updated bundle whose old revision nobody holds is forgotten; one that holds
 * its old revision for a while is a suspect, never declared leaked; an uninstalled one whose class loader is
 * still referenced (here, by the test: the "zombie bundle") is reported as leaked after the settle window, in
 * the service and in the shell.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ClassLoaderLeakIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** The settle window here: a revision held for less is never declared leaked. */
    private static final long SETTLE_MILLIS = 6_000;

    /** How long the brief holder keeps its old loader: past the grace period, well within the settle window. */
    private static final long HOLD_MILLIS = 1_500;

    @Inject
    private BundleContext context;

    /** The watch as configured below (see {@link #theWatchAsConfigured}). */
    private ClassLoaderLeaks leaks;

    @Inject
    private CommandProcessor shell;

    /** What keeps the zombie's loader reachable. */
    private static ClassLoader zombie;

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container("{\n"
                + "  \"io.memtune.profiler.leaks\": {\"check.interval.ms\": 200, \"grace.ms\": 500, \"settle.ms\": "
                + SETTLE_MILLIS + ", \"collections\": 3}\n"
                + "}\n"));
    }

    /**
     * The environment file reaches Config Admin after the container starts, and the watch restarts with it: a test
     * holding the instance from before the restart waited on a watch that no longer listened for bundle events (a
     * rare failure in CI). So each test takes the instance that carries this test's configuration.
     */
    @Before
    public void theWatchAsConfigured() throws Exception {
        Workspace.await("the leak watch restarted with this test's configuration", TIMEOUT, () -> {
            ServiceReference<ClassLoaderLeaks> ref = context.getServiceReference(ClassLoaderLeaks.class);
            return ref != null && "200".equals(String.valueOf(ref.getProperty("check.interval.ms")));
        });
        leaks = context.getService(context.getServiceReference(ClassLoaderLeaks.class));
    }

    private Bundle install(String name, String version) throws Exception {
        Path jar = new Workspace(context).work().resolve(name + "-" + version + ".jar");
        TestBundles.write(jar, name, version);
        try (InputStream in = Files.newInputStream(jar)) {
            Bundle b = context.installBundle("test:" + name, in);
            b.start();
            return b;
        }
    }

    private boolean suspected(String name, boolean leaked) {
        return leaks.suspects().stream().anyMatch(s -> s.bundle().startsWith(name + " ") && s.leaked() == leaked);
    }

    @Test
    public void anUpdatedBundleWhoseOldRevisionNobodyHoldsIsForgotten() throws Exception {
        Bundle b = install("it.clean", "1.0.0");
        Path v2 = new Workspace(context).work().resolve("it.clean-2.jar");
        TestBundles.write(v2, "it.clean", "2.0.0");
        BundleUpdates.update(b, v2);
        // cleared after a check or two: nothing is watched any more
        Workspace.await("the old revision collected", TIMEOUT, () -> leaks.suspects().stream()
                .noneMatch(s -> s.bundle().startsWith("it.clean ")));
        assertTrue(leaks.suspects().toString(), !suspected("it.clean", true));
        b.uninstall();
    }

    /**
     * The issue this guards: old revisions held for a while (an idle thread expiring, a soft reference) were called
     * LEAKED after the grace period and three collections, then released a minute later. A revision held past the
     * grace period is a suspect, and released within the settle window it is never declared leaked.
     */
    @Test
    public void anUpdatedBundleThatHoldsItsOldLoaderBrieflyIsSuspectedButNeverDeclaredLeaked() throws Exception {
        Path v1 = new Workspace(context).work().resolve("it.brief-1.jar");
        Path v2 = new Workspace(context).work().resolve("it.brief-2.jar");
        Map<String, String> hold = Map.of(BriefHolder.HOLD_HEADER, String.valueOf(HOLD_MILLIS));
        TestBundles.writeWithActivator(v1, "it.brief", "1.0.0", BriefHolder.class, hold);
        TestBundles.writeWithActivator(v2, "it.brief", "2.0.0", BriefHolder.class, hold);
        Bundle b;
        try (InputStream in = Files.newInputStream(v1)) {
            b = context.installBundle("test:it.brief", in);
        }
        b.start();
        BundleUpdates.update(b, v2); // stopping 1.0.0 starts its holder thread
        List<ClassLoaderLeaks.State> seen = new ArrayList<>();
        Workspace.await("the briefly held revision released", TIMEOUT, () -> {
            List<ClassLoaderLeaks.LeakSuspect> old = leaks.suspects().stream()
                    .filter(s -> s.bundle().equals("it.brief 1.0.0")).toList();
            old.forEach(s -> seen.add(s.state()));
            return old.isEmpty() && !seen.isEmpty();
        });
        assertTrue("held past the grace period, it was a suspect: " + seen, seen.contains(ClassLoaderLeaks.State.SUSPECT));
        assertFalse("released within the settle window, never declared leaked: " + seen,
                seen.contains(ClassLoaderLeaks.State.LEAKED));
        assertFalse(ShellCommands.run(shell, "memtune:leaks").contains("it.brief 1.0.0"));
        b.uninstall();
    }

    @Test
    public void anUninstalledBundleWhoseLoaderIsStillReferencedIsReportedAsLeaked() throws Exception {
        Bundle b = install("it.zombie", "1.0.0");
        zombie = b.adapt(BundleWiring.class).getClassLoader();
        long uninstalled = System.nanoTime(); // before: the watch's clock starts at the event, after this
        b.uninstall();
        List<ClassLoaderLeaks.State> seen = new ArrayList<>();
        Workspace.await("the zombie reported", TIMEOUT, () -> {
            leaks.suspects().stream().filter(s -> s.bundle().startsWith("it.zombie ")).forEach(s -> seen.add(s.state()));
            return suspected("it.zombie", true);
        });
        assertTrue("not declared before the settle window passed",
                System.nanoTime() - uninstalled >= Duration.ofMillis(SETTLE_MILLIS).toNanos());
        assertTrue("a suspect before it was declared leaked: " + seen, seen.contains(ClassLoaderLeaks.State.SUSPECT));
        String text = ShellCommands.run(shell, "memtune:leaks");
        assertTrue(text, text.contains("it.zombie 1.0.0") && text.contains("uninstalled") && text.contains("LEAKED"));
        assertEquals(1, leaks.suspects().stream().filter(s -> s.leaked()).count());
        zombie = null;
    }
}
