package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Collection;
import java.util.Hashtable;
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
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import io.memtune.api.config.EffectiveProperty;
import io.memtune.api.config.EnvironmentService;
import io.memtune.api.config.Problem;
import io.memtune.api.config.Provenance.Source;
import io.memtune.api.config.ValidationReport;

/**
 * The config bundle inside Felix: the environment file reaches DS components through Config Admin, a bad
 * edit changes nothing, removed PIDs are deleted, provenance tells file from runtime edit from default.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigIT {

    /** A real component of the distribution whose configuration the tests change. */
    private static final String LOG_FORWARDER = "io.memtune.shell.internal.LogForwarder";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private static final String INITIAL = "{\n"
            + "  \"io.memtune.config\": {\"poll.interval.ms\": 200},\n"
            + "  \"io.memtune.shell.log\": {\"level\": \"WARN\"},\n"
            + "  \"it.extra~one\": {\"name\": \"x\", \"api.token\": \"$[env:NO_SUCH_VARIABLE;default=t0ken]\"}\n"
            + "}\n";

    @Inject
    private BundleContext context;

    @Inject
    private EnvironmentService environments;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private CommandProcessor shell;

    private Workspace workspace;

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container(INITIAL));
    }

    @Before
    public void startFromTheInitialFile() throws Exception {
        workspace = new Workspace(context);
        workspace.writeEnvironment(INITIAL);
        ValidationReport report = environments.reload(); // now, rather than at the next poll
        assertTrue(report.toString(), report.isValid());
    }

    /** Writes a file that must be rejected and waits for the watcher to report the expected problem. */
    private Problem reject(String json, String pid, String key) throws Exception {
        workspace.writeEnvironment(json);
        Workspace.await("a rejection naming " + pid + "/" + key + "; last report " + environments.status().lastReport(),
                TIMEOUT, () -> environments.status().lastReport().errors().stream()
                        .anyMatch(p -> java.util.Objects.equals(pid, p.pid()) && java.util.Objects.equals(key, p.key())));
        return environments.status().lastReport().errors().stream()
                .filter(p -> java.util.Objects.equals(pid, p.pid()) && java.util.Objects.equals(key, p.key()))
                .findFirst().orElseThrow();
    }

    /** Writes a valid file and waits until it is in force. */
    private void apply(String json) throws Exception {
        workspace.writeEnvironment(json);
        String digest = sha256(json);
        Workspace.await("the file applied; last report " + environments.status().lastReport(), TIMEOUT,
                () -> digest.equals(environments.status().appliedDigest()));
    }

    @Test
    public void fileChangeReachesTheComponentThroughConfigAdmin() throws Exception {
        Workspace.await("LogForwarder configured WARN", TIMEOUT, () -> "WARN".equals(componentProperty("level")));
        apply(INITIAL.replace("\"WARN\"", "\"INFO\""));
        Workspace.await("LogForwarder reconfigured INFO", TIMEOUT, () -> "INFO".equals(componentProperty("level")));
    }

    @Test
    public void malformedEditIsRejectedWithLocationAndTheOldValuesStay() throws Exception {
        String appliedBefore = environments.status().appliedDigest();
        Problem error = reject("{\n  \"io.memtune.shell.log\": {\"level\": \"INFO\",, }\n}\n", null, null);
        assertEquals("it.json", error.file());
        assertEquals(2, error.line());
        assertTrue(error.toString(), error.column() > 0 && error.toString().startsWith("it.json:2:"));
        assertEquals(appliedBefore, environments.status().appliedDigest());
        assertEquals("WARN", configAdmin.getConfiguration("io.memtune.shell.log", "?").getProperties().get("level"));
    }

    @Test
    public void invalidValueRejectsTheWholeFileSoNothingIsHalfApplied() throws Exception {
        reject(INITIAL.replace("\"WARN\"", "\"DEBUG\"").replace("200", "5"), "io.memtune.config", "poll.interval.ms");
        Thread.sleep(600); // three poll intervals: had anything been applied, it would show now
        assertEquals("WARN", componentProperty("level"));
        assertEquals("WARN", configAdmin.getConfiguration("io.memtune.shell.log", "?").getProperties().get("level"));
    }

    @Test
    public void wrongTypeIsRejectedAgainstTheMetatype() throws Exception {
        Problem error = reject(INITIAL.replace("\"WARN\"", "\"LOUD\""), "io.memtune.shell.log", "level");
        assertTrue(error.message(), error.message().contains("LOUD"));
    }

    @Test
    public void pidRemovedFromTheFileIsDeletedFromConfigAdmin() throws Exception {
        assertEquals(1, configAdmin.listConfigurations("(service.pid=it.extra~one)").length);
        apply(INITIAL.replace(",\n  \"it.extra~one\": {\"name\": \"x\", \"api.token\": "
                + "\"$[env:NO_SUCH_VARIABLE;default=t0ken]\"}", ""));
        assertNull(configAdmin.listConfigurations("(service.pid=it.extra~one)"));
    }

    @Test
    public void unknownPidIsAWarningNotAnError() {
        ValidationReport report = environments.status().lastReport();
        assertTrue(report.isValid());
        assertTrue(report.toString(), report.warnings().stream().anyMatch(w -> "it.extra~one".equals(w.pid())));
    }

    @Test
    public void provenanceTellsFileInterpolationRuntimeEditAndDefault() throws Exception {
        Map<String, EffectiveProperty> extra = byKey(environments.effectiveProperties("it.extra~one"));
        assertEquals(Source.ENVIRONMENT_FILE, extra.get("name").provenance().source());
        assertEquals(Source.INTERPOLATED, extra.get("api.token").provenance().source());
        assertEquals("secrets are masked", EffectiveProperty.MASK, extra.get("api.token").value());

        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration("io.memtune.config", "?");
        Hashtable<String, Object> edited = new Hashtable<>();
        for (String key : java.util.Collections.list(c.getProperties().keys())) {
            edited.put(key, c.getProperties().get(key));
        }
        edited.put("poll.interval.ms", 300L);
        c.update(edited);
        Map<String, EffectiveProperty> config = byKey(environments.effectiveProperties("io.memtune.config"));
        assertTrue(config.toString(), config.containsKey("poll.interval.ms"));
        assertEquals(Source.RUNTIME_EDIT, config.get("poll.interval.ms").provenance().source());

        Map<String, EffectiveProperty> shellDefaults = byKey(environments.effectiveProperties("io.memtune.shell"));
        assertEquals(Source.METATYPE_DEFAULT, shellDefaults.get("max.clients").provenance().source());
        assertEquals(4, Integer.parseInt(String.valueOf(shellDefaults.get("max.clients").value())));
    }

    @Test
    public void validateChecksAFileWithoutApplyingIt() throws Exception {
        java.nio.file.Path candidate = workspace.environmentFile().resolveSibling("candidate.json");
        Files.writeString(candidate, "{\"io.memtune.config\": {\"poll.interval.ms\": \"often\"}}");
        ValidationReport report = environments.validate(candidate);
        assertFalse(report.isValid());
        assertEquals("candidate.json:1:44: error: io.memtune.config/poll.interval.ms: expected an integer,"
                + " found a string \"often\"", report.errors().get(0).toString());
        assertEquals(sha256(INITIAL), environments.status().appliedDigest());
    }

    @Test
    public void aDeletedFileKeepsTheLastGoodConfigurationAndSaysSo() throws Exception {
        String appliedBefore = environments.status().appliedDigest();
        Files.delete(workspace.environmentFile());
        Workspace.await("the deletion reported", TIMEOUT, () -> environments.status().lastReport().errors().stream()
                .anyMatch(p -> p.message().contains("deleted")));
        assertTrue(run("memtune:env"), run("memtune:env").contains("deleted"));
        assertEquals(appliedBefore, environments.status().appliedDigest());
        assertEquals("WARN", configAdmin.getConfiguration("io.memtune.shell.log", "?").getProperties().get("level"));
        apply(INITIAL.replace("\"WARN\"", "\"ERROR\"")); // back: the new file applies as any edit
    }

    @Test
    public void writeBackReplacesOneValueKeepsTheFileOwnerOnlyAndIsApplied() throws Exception {
        String commented = INITIAL.replace("{\n", "{\n  // kept as written\n");
        apply(commented);
        Files.setPosixFilePermissions(workspace.environmentFile(),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String diff = environments.writeBack("io.memtune.shell.log", "level", "ERROR");
        assertTrue(diff, diff.contains("ERROR"));
        String written = Files.readString(workspace.environmentFile());
        assertEquals(commented.replace("\"level\": \"WARN\"", "\"level\": \"ERROR\""), written);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(workspace.environmentFile())));
        Workspace.await("LogForwarder reconfigured ERROR", TIMEOUT, () -> "ERROR".equals(componentProperty("level")));
    }

    @Test
    public void anAtomicSymlinkSwapAsKubernetesDoesForAConfigMapIsApplied() throws Exception {
        java.nio.file.Path dir = workspace.environmentFile().getParent();
        java.nio.file.Path v1 = Files.createDirectories(dir.resolve("..2026_v1"));
        Files.writeString(v1.resolve("it.json"), INITIAL);
        java.nio.file.Path data = dir.resolve("..data");
        Files.deleteIfExists(data);
        Files.createSymbolicLink(data, v1.getFileName());
        java.nio.file.Path link = dir.resolve(".it.json.link");
        Files.createSymbolicLink(link, java.nio.file.Path.of("..data", "it.json"));
        Files.move(link, workspace.environmentFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        String swapped = INITIAL.replace("\"WARN\"", "\"ERROR\"");
        java.nio.file.Path v2 = Files.createDirectories(dir.resolve("..2026_v2"));
        Files.writeString(v2.resolve("it.json"), swapped);
        java.nio.file.Path next = dir.resolve("..data_tmp");
        Files.createSymbolicLink(next, v2.getFileName());
        Files.move(next, data, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Workspace.await("the swapped ConfigMap applied", TIMEOUT, () -> {
            try {
                return sha256(swapped).equals(environments.status().appliedDigest());
            } catch (Exception e) {
                return false;
            }
        });
        Workspace.await("LogForwarder reconfigured ERROR", TIMEOUT, () -> "ERROR".equals(componentProperty("level")));
        assertTrue("the ConfigMap's ..data directories are not environments: " + environments.status().environments(),
                environments.status().environments().contains("it")
                        && environments.status().environments().stream().noneMatch(n -> n.startsWith(".")));
        Files.delete(workspace.environmentFile()); // back to a plain file for the other tests
        Files.writeString(workspace.environmentFile(), INITIAL);
    }

    @Test
    public void shellCommandsShowEnvironmentAndProvenance() throws Exception {
        String env = run("memtune:env");
        assertTrue(env, env.contains("environment   it"));
        String config = run("memtune:config io.memtune.shell.log");
        assertTrue(config, config.contains("level") && config.contains("environment-file (it.json:3:"));
        String validate = runExpectingFailure("memtune:config-validate " + workspace.environmentFile().resolveSibling("missing.json"));
        assertTrue(validate, validate.contains("does not exist"));
    }

    private String run(String command) throws Exception {
        return ShellCommands.run(shell, command);
    }

    private String runExpectingFailure(String command) {
        try {
            return "no failure: " + run(command);
        } catch (Exception e) {
            return e.getMessage();
        }
    }

    private Object componentProperty(String key) {
        Collection<ComponentDescriptionDTO> all = scr.getComponentDescriptionDTOs();
        for (ComponentDescriptionDTO d : all) {
            if (LOG_FORWARDER.equals(d.name)) {
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    if (c.state == ComponentConfigurationDTO.ACTIVE || c.state == ComponentConfigurationDTO.SATISFIED) {
                        return c.properties.get(key);
                    }
                }
            }
        }
        return null;
    }

    private static Map<String, EffectiveProperty> byKey(List<EffectiveProperty> properties) {
        Map<String, EffectiveProperty> map = new java.util.HashMap<>();
        properties.forEach(p -> map.put(p.key(), p));
        return map;
    }

    private static String sha256(String text) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(digest);
    }
}
