package io.memtune.config.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.memtune.api.config.ConfigDiff;
import io.memtune.api.config.EffectiveProperty;
import io.memtune.api.config.EnvironmentService;
import io.memtune.api.config.EnvironmentStatus;
import io.memtune.api.config.Problem;
import io.memtune.api.config.ValidationReport;
import io.memtune.config.core.AtomicFiles;
import io.memtune.config.core.ConfigDiffer;
import io.memtune.config.core.ConfigDocument;
import io.memtune.config.core.ConfigLoader;
import io.memtune.config.core.ConfigSchema;
import io.memtune.config.core.EnvironmentFileEditor;
import io.memtune.config.core.EnvironmentFiles;
import io.memtune.config.core.EnvironmentSelection;
import io.memtune.config.core.Interpolator;
import io.memtune.config.core.ParseResult;
import io.memtune.config.core.SecretKeys;
import io.memtune.config.core.ValidatedConfiguration;
import io.memtune.config.core.ValidationOutcome;

/**
 * Keeps Config Admin in step with the active environment's file: applies it at start, checks it every
 * poll interval, and applies a changed file only when the whole file is valid, so a bad edit leaves the
 * last good configuration in force and nothing half-applied.
 *
 * <p>The environment and the configuration directory come from framework properties
 * ({@value EnvironmentSelection#ENV_PROPERTY}, {@value EnvironmentSelection#CONFIG_DIR_PROPERTY}), set by
 * the launcher: they choose which configuration exists, so they cannot themselves live in it.
 */
@Component(service = EnvironmentService.class, configurationPid = EnvironmentConfigurator.PID, immediate = true)
@Designate(ocd = EnvironmentConfigurator.Config.class)
public final class EnvironmentConfigurator implements EnvironmentService {

    static final String PID = "io.memtune.config";

    @ObjectClassDefinition(name = "memtune environment configuration",
            description = "How the active environment file is watched and applied.")
    public @interface Config {
        @AttributeDefinition(name = "Poll interval (ms)",
                description = "How often the environment file is checked for changes; a change takes effect"
                        + " within one interval.", min = "100", max = "60000")
        long poll_interval_ms() default 1000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentConfigurator.class);

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final EnvironmentFiles files;
    private final String environment;
    private final Path file;
    private final ConfigAdminSync sync;
    private final ScheduledExecutorService watcher;

    /** Optional: without it values keep their JSON types and PIDs and keys are not checked. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MetaTypeService metatype;

    // guarded by this
    private ScheduledFuture<?> polling;
    private String seenDigest;
    private String appliedDigest;
    private Instant appliedAt;
    private ValidationReport lastReport;
    private Map<String, ValidatedConfiguration> applied = Map.of();

    @Activate
    public EnvironmentConfigurator(BundleContext context, @Reference ConfigurationAdmin configAdmin) {
        this.context = context;
        this.configAdmin = configAdmin;
        EnvironmentSelection selection = EnvironmentSelection.from(context::getProperty, System::getenv);
        this.files = new EnvironmentFiles(selection.configDirectory());
        this.environment = selection.environment();
        this.file = files.file(environment); // an unknown environment fails activation, naming the known ones
        this.sync = new ConfigAdminSync(configAdmin);
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "memtune-config-watch");
            t.setDaemon(true);
            return t;
        });
        this.lastReport = new ValidationReport(file.getFileName().toString(), List.of());
    }

    /** Runs after the references are bound, so the first apply is validated against the metatype. */
    @Activate
    void start(Config config) {
        reload();
        schedule(config);
    }

    @Modified
    void modified(Config config) {
        schedule(config);
    }

    @Deactivate
    void stop() {
        watcher.shutdownNow();
    }

    private synchronized void schedule(Config config) {
        long interval = Math.max(100, config.poll_interval_ms());
        if (polling != null) {
            polling.cancel(false);
        }
        polling = watcher.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public String activeEnvironment() {
        return environment;
    }

    @Override
    public synchronized EnvironmentStatus status() {
        return new EnvironmentStatus(environment, file.toString(), files.names(), appliedAt, appliedDigest,
                applied.keySet().stream().sorted().toList(), lastReport);
    }

    @Override
    public List<EffectiveProperty> effectiveProperties(String pid) {
        Map<String, ValidatedConfiguration> current;
        synchronized (this) {
            current = applied;
        }
        try {
            return new EffectivePropertiesReader(configAdmin, schema(), current).read(pid);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Config Admin", e);
        }
    }

    @Override
    public ConfigDiff diff(String environmentA, String environmentB) {
        ConfigLoader loader = new ConfigLoader(ConfigSchema.NONE, Interpolator.ofProcess());
        return ConfigDiffer.diff(environmentA, parsed(loader, environmentA), environmentB, parsed(loader, environmentB));
    }

    private ConfigDocument parsed(ConfigLoader loader, String name) {
        Path path = files.file(name);
        try {
            ParseResult result = loader.parse(path);
            if (result.document() == null) {
                throw new IllegalArgumentException(result.problems().get(0).toString());
            }
            return result.document();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    @Override
    public ValidationReport validate(Path candidate) {
        return new ConfigLoader(schema(), Interpolator.ofProcess()).load(candidate).report();
    }

    @Override
    public synchronized ValidationReport reload() {
        return apply(new ConfigLoader(schema(), Interpolator.ofProcess()).load(file));
    }

    @Override
    public String proposeWriteBack(String pid, String key, Object value) {
        return edit(pid, key, value).diff();
    }

    @Override
    public synchronized String writeBack(String pid, String key, Object value) {
        EnvironmentFileEditor.Edit edit = edit(pid, key, value);
        ValidationReport check = new ConfigLoader(schema(), Interpolator.ofProcess())
                .load(file.getFileName().toString(), edit.content().getBytes(StandardCharsets.UTF_8)).report();
        if (!check.isValid()) {
            throw new IllegalArgumentException("not written: " + check.errors());
        }
        try {
            AtomicFiles.replace(file, edit.content());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " (a read-only ConfigMap? edit it at its source)", e);
        }
        LOG.info("{}: written back {}/{} = {}", file.getFileName(), pid, key, SecretKeys.isSecret(key) ? "****" : value);
        return edit.diff();
    }

    private EnvironmentFileEditor.Edit edit(String pid, String key, Object value) {
        try {
            return EnvironmentFileEditor.set(file.getFileName().toString(), Files.readString(file), pid, key, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** One watch tick: cheap when nothing changed (one read and one hash of a small file). */
    private synchronized void poll() {
        try {
            byte[] content;
            try {
                content = ConfigLoader.read(file);
            } catch (NoSuchFileException e) {
                if (seenDigest != null) {
                    seenDigest = null;
                    String message = "the environment file was deleted; the last good configuration stays in force";
                    LOG.error("{}: {}", file, message);
                    // memtune:env shows it until the file is back
                    lastReport = new ValidationReport(file.getFileName().toString(), List.of(new Problem(
                            Problem.Severity.ERROR, file.getFileName().toString(), 0, 0, null, null, message)));
                }
                return;
            }
            pollFailure = null;
            String digest = ConfigLoader.sha256(content);
            if (digest.equals(seenDigest)) {
                return;
            }
            apply(new ConfigLoader(schema(), Interpolator.ofProcess()).load(file.getFileName().toString(), content));
        } catch (IOException | RuntimeException e) {
            // the watch must survive anything one tick meets; a lasting failure (permissions) is logged once
            if (!e.toString().equals(pollFailure)) {
                pollFailure = e.toString();
                LOG.error("{}: cannot check the environment file: {}", file, e.toString(), e);
            }
        }
    }

    /** The last failure of the watch, logged once until it changes or a read succeeds. Guarded by this. */
    private String pollFailure;

    private ValidationReport apply(ValidationOutcome outcome) {
        ValidationReport report = outcome.report();
        seenDigest = outcome.digest();
        lastReport = report;
        report.warnings().forEach(w -> LOG.warn("{}", w));
        if (!report.isValid()) {
            report.errors().forEach(e -> LOG.error("{}", e));
            LOG.error("{}: rejected ({} error(s)); the last good configuration stays in force", file.getFileName(),
                    report.errors().size());
            return report;
        }
        try {
            ConfigAdminSync.Changes changes = sync.apply(file.getFileName().toString(), outcome.configurations());
            Map<String, ValidatedConfiguration> byPid = new LinkedHashMap<>();
            outcome.configurations().forEach(c -> byPid.put(c.pid(), c));
            applied = Map.copyOf(byPid);
            appliedDigest = outcome.digest();
            appliedAt = Instant.now();
            LOG.info("{}: applied environment '{}' ({} configurations; updated {}, deleted {})", file.getFileName(),
                    environment, byPid.size(), changes.updated(), changes.deleted());
            return report;
        } catch (IOException | RuntimeException e) {
            // Config Admin failed part way: retry the whole file at the next tick
            seenDigest = null;
            Problem problem = new Problem(Problem.Severity.ERROR, file.getFileName().toString(), 0, 0, null, null,
                    "Config Admin refused the update: " + e);
            LOG.error("{}", problem, e);
            lastReport = new ValidationReport(report.file(), List.of(problem));
            return lastReport;
        }
    }

    private ConfigSchema schema() {
        MetaTypeService service = metatype;
        return service == null ? ConfigSchema.NONE : new MetatypeSchema(context, service);
    }
}
