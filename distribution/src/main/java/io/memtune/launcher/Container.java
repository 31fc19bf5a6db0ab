package io.memtune.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Boots Apache Felix with the bundles of {@code bundle/<start level>/}. The framework cache is cleaned at
 * every start: the bundle set on disk is the truth, and a container never runs stale jars.
 */
final class Container {

    /** Bundles in deploy/ start after every core bundle. */
    static final int DEPLOY_START_LEVEL = 7;
    /** The drain service of the bundles (io.memtune.health's DrainOnStop), with objectClass java.lang.Runnable. */
    static final String DRAIN_FILTER = "(memtune.lifecycle=drain)";

    private final LaunchOptions options;
    private final String environment;
    private Framework framework;

    Container(LaunchOptions options, String environment) {
        this.options = options;
        this.environment = environment;
    }

    Map<String, String> frameworkProperties() {
        Path home = options.home();
        Path data = options.dataDirectory();
        Map<String, String> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, data.resolve("cache").toString());
        p.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        p.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, String.valueOf(DEPLOY_START_LEVEL));
        p.put("memtune.home", home.toString());
        p.put("memtune.env", environment);
        p.put("memtune.config.dir", options.effectiveConfigDirectory().toString());
        p.put("memtune.shell.socket", options.socket().toString());
        // the deploy folder: jars only, started after the core, no write-back of configurations
        p.put("felix.fileinstall.dir", home.resolve("deploy").toString());
        p.put("felix.fileinstall.filter", ".*\\.jar");
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.start.level", String.valueOf(DEPLOY_START_LEVEL));
        p.put("felix.fileinstall.bundles.new.start", "true");
        p.put("felix.fileinstall.enableConfigSave", "false");
        p.put("felix.fileinstall.log.level", "2");
        // HTTP on loopback unless an environment says otherwise (org.apache.felix.http in its file)
        p.put("org.apache.felix.http.host", "127.0.0.1");
        p.put("org.osgi.service.http.port", "8080");
        // SCR: log what goes wrong with components (forwarded to the container log by io.memtune.shell)
        p.put("ds.loglevel", "warn");
        // Gogo: our profile (the built-in one fails without a terminal); a service keeps running headless
        p.put("gosh.home", home.toString());
        if (!options.shell()) {
            p.put("gosh.args", "--nointeractive --noshutdown");
            System.setProperty("org.jline.terminal.dumb", "true"); // no terminal to look for
        }
        // system properties of ours override, so jvm.options can set anything (-Dfelix.fileinstall.poll=...)
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("felix.") || k.startsWith("org.osgi.") || k.startsWith("org.apache.felix.")
                        || k.startsWith("gosh."))
                .forEach(k -> p.put(k, System.getProperty(k)));
        return p;
    }

    /** Starts the framework and every bundle; returns once start-up has been handed to the framework. */
    void start() throws BundleException, IOException {
        Files.createDirectories(options.home().resolve("deploy"));
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path (lib/)"));
        // The framework's threads inherit this thread's context class loader. Bundles must not depend on
        // the launcher's class path through it; and JLine, finding none, looks up its terminal providers in
        // its own bundle (with the class path loader it finds none and falls back to a dumb terminal).
        Thread.currentThread().setContextClassLoader(null);
        framework = factory.newFramework(frameworkProperties());
        framework.init();
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (Path levelDirectory : levels(options.home().resolve("bundle"))) {
            int level = Integer.parseInt(levelDirectory.getFileName().toString());
            for (Path jar : jars(levelDirectory)) {
                Bundle bundle = context.installBundle("reference:" + jar.toUri());
                bundle.adapt(BundleStartLevel.class).setStartLevel(level);
                installed.add(bundle);
            }
        }
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start(); // starts when the framework reaches the bundle's start level
            }
        }
        framework.start();
    }

    /**
     * Before a stop on SIGTERM: runs the drain a bundle offers ({@code io.memtune.health}: readiness fails, the load
     * balancer gets its grace, the requests in flight finish) and returns once it is over. The drain is found by a
     * JDK type and a property, {@value #DRAIN_FILTER} on a {@link Runnable}: the launcher shares no class with the
     * bundles.
     *
     * @return whether a drain ran (none while the framework is not up, or without a bundle offering one)
     */
    boolean drain() {
        if (framework == null || (framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
            return false;
        }
        BundleContext context = framework.getBundleContext();
        Collection<ServiceReference<Runnable>> drains;
        try {
            drains = context.getServiceReferences(Runnable.class, DRAIN_FILTER);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // a constant filter
        }
        if (drains.isEmpty()) {
            return false;
        }
        ServiceReference<Runnable> reference = drains.iterator().next();
        Runnable drain = context.getService(reference);
        if (drain == null) {
            return false; // gone meanwhile
        }
        try {
            drain.run();
        } finally {
            context.ungetService(reference);
        }
        return true;
    }

    /** Stops the framework, waiting at most {@code timeoutMillis}; true when it stopped. */
    boolean stop(long timeoutMillis) throws BundleException, InterruptedException {
        if (framework == null) {
            return true;
        }
        framework.stop();
        return framework.waitForStop(timeoutMillis).getType() != FrameworkEvent.WAIT_TIMEDOUT;
    }

    /** Blocks until the framework stops (shell exit, SIGTERM, or a bundle stopping it). */
    FrameworkEvent awaitStop() throws InterruptedException {
        return framework.waitForStop(0);
    }

    private static List<Path> levels(Path bundles) throws IOException {
        if (!Files.isDirectory(bundles)) {
            throw new IOException("no bundle directory " + bundles + ": is this a memtune installation?");
        }
        try (Stream<Path> dirs = Files.list(bundles)) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> d.getFileName().toString().matches("\\d+"))
                    .sorted(Comparator.comparingInt(d -> Integer.parseInt(d.getFileName().toString())))
                    .toList();
        }
    }

    private static List<Path> jars(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }
}
