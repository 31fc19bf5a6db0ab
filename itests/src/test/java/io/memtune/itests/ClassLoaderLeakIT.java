package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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

/**
 * The class loader leak check: an updated bundle whose old revision nobody holds is forgotten; an
 * uninstalled one whose class loader is still referenced (here, by the test: the "zombie bundle") is
 * reported as leaked, in the service and in the shell.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ClassLoaderLeakIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

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
                + "  \"io.memtune.profiler.leaks\": {\"check.interval.ms\": 200, \"grace.ms\": 500, \"collections\": 2}\n"
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
        try (InputStream in = Files.newInputStream(v2)) {
            b.update(in);
        }
        // cleared after a check or two: nothing is watched any more
        Workspace.await("the old revision collected", TIMEOUT, () -> leaks.suspects().stream()
                .noneMatch(s -> s.bundle().startsWith("it.clean ")));
        assertTrue(leaks.suspects().toString(), !suspected("it.clean", true));
        b.uninstall();
    }

    @Test
    public void anUninstalledBundleWhoseLoaderIsStillReferencedIsReportedAsLeaked() throws Exception {
        Bundle b = install("it.zombie", "1.0.0");
        zombie = b.adapt(BundleWiring.class).getClassLoader();
        b.uninstall();
        Workspace.await("the zombie reported", TIMEOUT, () -> suspected("it.zombie", true));
        String text = ShellCommands.run(shell, "memtune:leaks");
        assertTrue(text, text.contains("it.zombie 1.0.0") && text.contains("uninstalled") && text.contains("LEAKED"));
        assertEquals(1, leaks.suspects().stream().filter(s -> s.leaked()).count());
        zombie = null;
    }
}
