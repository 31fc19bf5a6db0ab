package io.memtune.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

/**
 * The one provisioning helper of the Pax Exam tests: the very bundles of the assembled distribution
 * ({@code distribution/target/memtune/bundle/<start level>/}), at their start levels, with a configuration
 * directory, a deploy folder and a command socket of the test's own. Only the interactive shell (gogo.jline
 * and jline) is left out: a test has no terminal.
 */
public final class MemtuneOptions {

    /** The environment every test runs in: {@code <config>/environments/it.json}. */
    public static final String ENVIRONMENT = "it";

    private MemtuneOptions() {
    }

    /** Stands for the test's work directory in an environment file given to {@link #container(String)}. */
    public static final String WORK = "@WORK@";

    /**
     * A container whose {@code it} environment file holds {@code environmentJson} ({@value #WORK} replaced by
     * the test's work directory, where it may keep templates and static files).
     *
     * @return the options; {@link Workspace} tells the test, inside the framework, where its files are
     */
    /**
     * The warm-up switched off unless the test configures it: it would post to its own endpoints for up to its
     * {@code warmup.seconds} in every test class, which is CPU a test on two cores cannot spare and nothing it tests.
     */
    static String withoutWarmUp(String environmentJson) {
        if (environmentJson.contains("io.memtune.http.warmup")) {
            return environmentJson;
        }
        int brace = environmentJson.indexOf('{');
        String rest = environmentJson.substring(brace + 1);
        return environmentJson.substring(0, brace + 1) + "\n  \"io.memtune.http.warmup\": {\"warmup.seconds\": 0}"
                + (rest.strip().startsWith("}") ? "" : ",") + rest;
    }

    public static Option container(String environmentJson) {
        Path work = Path.of(System.getProperty("memtune.itests.work", "target/it-work"))
                .resolve(UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Path config = work.resolve("config");
        Path deploy = work.resolve("deploy");
        try {
            Files.createDirectories(config.resolve("environments"));
            Files.createDirectories(deploy);
            Files.writeString(config.resolve("environments").resolve(ENVIRONMENT + ".json"),
                    withoutWarmUp(environmentJson.replace(WORK, work.toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a Unix socket path must stay under ~100 bytes: keep it in /tmp, not in the deep work directory
        Path socket = Path.of(System.getProperty("java.io.tmpdir"), "memtune-it-" + UUID.randomUUID().toString()
                .substring(0, 8) + ".sock");
        return composite(
                distributionBundles(),
                junitBundles(),
                frameworkStartLevel(7),
                cleanCaches(),
                systemProperty("pax.exam.logging").value("none"),
                // pitfall: with implicit boot delegation ServiceLoader would see the test class path
                frameworkProperty("felix.bootdelegation.implicit").value("false"),
                frameworkProperty("memtune.env").value(ENVIRONMENT),
                frameworkProperty("memtune.config.dir").value(config.toString()),
                frameworkProperty("memtune.shell.socket").value(socket.toString()),
                frameworkProperty(Workspace.WORK_PROPERTY).value(work.toString()),
                // relative paths of the configuration (data/profiles, data/alerts, templates) land in the work directory
                frameworkProperty("memtune.home").value(work.toString()),
                frameworkProperty("felix.fileinstall.dir").value(deploy.toString()),
                frameworkProperty("felix.fileinstall.filter").value(".*\\.jar"),
                frameworkProperty("felix.fileinstall.poll").value("200"),
                frameworkProperty("felix.fileinstall.noInitialDelay").value("true"),
                frameworkProperty("felix.fileinstall.start.level").value("7"),
                frameworkProperty("felix.fileinstall.enableConfigSave").value("false"),
                frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"),
                frameworkProperty("org.osgi.service.http.port").value(String.valueOf(freePort())),
                frameworkProperty("ds.loglevel").value("warn"));
    }

    private static Option distributionBundles() {
        Path bundles = Path.of(System.getProperty("memtune.distribution", "../distribution/target/memtune"))
                .resolve("bundle");
        List<Option> options = new ArrayList<>();
        try (Stream<Path> levels = Files.list(bundles)) {
            for (Path level : levels.sorted(Comparator.naturalOrder()).toList()) {
                int startLevel = Integer.parseInt(level.getFileName().toString());
                try (Stream<Path> jars = Files.list(level)) {
                    jars.filter(j -> j.toString().endsWith(".jar"))
                            .filter(j -> !j.getFileName().toString().startsWith("org.apache.felix.gogo.jline")
                                    && !j.getFileName().toString().startsWith("jline-"))
                            .sorted()
                            .forEach(j -> options.add(bundle(j.toUri().toString()).startLevel(startLevel)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no assembled distribution at " + bundles + ": build the reactor first", e);
        }
        if (options.isEmpty()) {
            throw new IllegalStateException("no bundles in " + bundles);
        }
        return composite(options.toArray(new Option[0]));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
