package io.memtune.template.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.codahale.metrics.MetricRegistry;

import io.memtune.api.concurrency.InFlight;
import io.memtune.api.template.AssetCatalog;
import io.memtune.api.template.CacheTier;
import io.memtune.api.template.TemplateEngine;
import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateFootprint;
import io.memtune.api.template.TemplateInfo;
import io.memtune.api.template.TemplateService;
import io.memtune.template.core.CountingWriter;
import io.memtune.template.core.JsonContexts;
import io.memtune.template.core.RepositoryWatcher;
import io.memtune.template.core.TemplateRenderer;
import io.memtune.template.core.TemplateRepository;
import io.memtune.template.core.TieredTemplateCache;

/**
 * The template service in the container. A configuration change reactivates it (new repository, cache and
 * watcher); a replaced engine only empties the memory tier.
 *
 * <p>Degraded behaviour: without an {@link AssetCatalog} (static files component stopped) contexts get no
 * {@code assets}; the engine is always present (this bundle provides one).
 */
@Component(service = TemplateService.class, configurationPid = TemplateServiceComponent.PID, immediate = true)
@Designate(ocd = TemplateServiceComponent.Config.class)
public final class TemplateServiceComponent implements TemplateService {

    static final String PID = "io.memtune.template";

    @ObjectClassDefinition(name = "memtune template service",
            description = "Where the templates are, how they render, and how much memory their cache may take.")
    public @interface Config {
        @AttributeDefinition(name = "Templates root", description = "The repository: <root>/<tenant>/<name>.mustache,"
                + " <root>/_shared/ for what every tenant shares. A relative path is relative to the installation.")
        String templates_root() default "templates";

        @AttributeDefinition(name = "Mode", description = "baseline: plain Mustache.java, the reference for every"
                + " benchmark; optimized: the best template engine installed, with the tiered cache.",
                options = {@Option(value = "optimized", label = "optimized"), @Option(value = "baseline", label = "baseline")})
        String mode() default TemplateRenderer.OPTIMIZED;

        @AttributeDefinition(name = "Baseline: partials cached", description = "In baseline mode, compile each partial and"
                + " parent once per tenant (Mustache.java tuned by hand, the benchmarks' \"tuned\") instead of at every"
                + " inclusion as stock Mustache.java does. No effect in optimized mode.")
        boolean baseline_partials_cached() default false;

        @AttributeDefinition(name = "Poll interval (ms)", description = "How often template files are checked for"
                + " changes; a change is served within two intervals (a file must stay unchanged for one). A check looks"
                + " where the file system reported changes (inotify), and at every file once in 60 checks.",
                min = "100", max = "60000")
        long poll_interval_ms() default 1000;

        @AttributeDefinition(name = "Memory tier (bytes)", description = "Budget of compiled templates in the heap,"
                + " by estimated retained size with their entries. Below the working set, pages are evicted and"
                + " recompiled from the disk tier (memtune.template.cache.reloads).", min = "1048576")
        long cache_memory_bytes() default 64L * 1024 * 1024;

        @AttributeDefinition(name = "Disk tier (bytes)", description = "Budget of resolved template sources on disk,"
                + " stored once per distinct content (0: no disk tier). What it cannot hold is read from the repository.",
                min = "0")
        long cache_disk_bytes() default 256L * 1024 * 1024;

        @AttributeDefinition(name = "Largest template (bytes)", description = "A bigger template file is refused with"
                + " a compile error.", min = "1024")
        long templates_max_bytes() default 4L * 1024 * 1024;

        @AttributeDefinition(name = "Deepest context", description = "The deepest JSON nesting a render context may"
                + " have.", min = "4", max = "10000")
        int context_max_depth() default 100;
    }

    private static final Logger LOG = LoggerFactory.getLogger(TemplateServiceComponent.class);

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final TemplateRenderer renderer;
    /** The renders in progress: deactivation lets them finish. */
    private final InFlight inFlight = new InFlight();
    private final RepositoryWatcher watcher;

    private volatile TemplateEngine engine;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AssetCatalog assets;

    private volatile TemplateMetrics metrics;
    private volatile TenantMetricsComponent tenantMetrics;

    @Activate
    public TemplateServiceComponent(BundleContext context, Config config) throws IOException {
        this(config, context::getProperty, name -> context.getDataFile(name).toPath());
    }

    /**
     * Outside OSGi (the embedded mode): bind an engine before the first render.
     *
     * @param properties the launch properties ({@code memtune.home})
     * @param dataFiles a file in the component's private data area, by name
     */
    TemplateServiceComponent(Config config, UnaryOperator<String> properties, Function<String, Path> dataFiles)
            throws IOException {
        Path root = resolve(properties, config.templates_root());
        TemplateRepository repository = new TemplateRepository(root, config.templates_max_bytes());
        Path diskTier = config.cache_disk_bytes() > 0 ? dataFiles.apply("template-cache") : null;
        TieredTemplateCache cache = new TieredTemplateCache(config.cache_memory_bytes(), diskTier, config.cache_disk_bytes(),
                repository::intern);
        this.renderer = new TemplateRenderer(repository, new JsonContexts(config.context_max_depth()), cache,
                config.mode(), config.baseline_partials_cached(), () -> engine, this::assetUrls);
        this.watcher = new RepositoryWatcher(repository, change -> {
            LOG.info("template {}/{} changed", change.directory(), change.name());
            renderer.invalidate(change);
        });
        watcher.start(Duration.ofMillis(config.poll_interval_ms()));
        LOG.info("templates from {} ({} tenants), mode {}", root, repository.tenants().size(), config.mode());
    }

    /**
     * Unregistered already (callers wait for the replacement or are told this one is stopping): the renders running
     * finish first, while this bundle's classes, its cache and its engine are still there.
     */
    /** The asset catalog's URLs, or null without one. */
    private Map<String, String> assetUrls() {
        AssetCatalog catalog = assets;
        return catalog == null ? null : catalog.assetUrls();
    }

    @Deactivate
    void stop() throws InterruptedException {
        inFlight.stop();
        long left = inFlight.awaitNone(DRAIN_TIMEOUT);
        if (left > 0) {
            LOG.warn("{} render(s) still running after {} s; they are cut off", left, DRAIN_TIMEOUT.toSeconds());
        }
        watcher.close();
        TemplateMetrics m = metrics;
        if (m != null) {
            m.close();
        }
    }

    /** Optional: without a registry nothing is measured. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindMetrics")
    void bindMetrics(MetricRegistry registry) {
        metrics = new TemplateMetrics(registry, this);
    }

    void unbindMetrics(MetricRegistry registry) {
        TemplateMetrics m = metrics;
        metrics = null;
        if (m != null) {
            m.close();
        }
    }

    /** Optional: without it (no registry, or its component stopped) renders are not timed per tenant. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindTenantMetrics")
    void bindTenantMetrics(TenantMetricsComponent timers) {
        tenantMetrics = timers;
    }

    void unbindTenantMetrics(TenantMetricsComponent timers) {
        if (tenantMetrics == timers) {
            tenantMetrics = null;
        }
    }

    /** The engine of the highest ranking; a better one arriving replaces it (greedy). */
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindEngine")
    void bindEngine(TemplateEngine engine) {
        this.engine = engine;
    }

    void unbindEngine(TemplateEngine engine) {
        // nothing the old engine compiled may stay: it holds classes of the engine's bundle
        renderer.engineChanged();
    }

    /** A relative path is relative to the installation (memtune.home), else to the working directory. */
    static Path resolve(UnaryOperator<String> properties, String path) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return p.normalize();
        }
        String home = properties.apply("memtune.home");
        return (home == null ? p.toAbsolutePath() : Path.of(home).resolve(p)).normalize();
    }

    @Override
    public void render(String tenant, String template, Map<String, ?> context, Writer out) {
        CountingWriter counted = new CountingWriter(out);
        measured(tenant, counted, () -> renderer.render(tenant, template, context, counted));
    }

    @Override
    public void renderJson(String tenant, String template, InputStream json, Writer out) {
        CountingWriter counted = new CountingWriter(out);
        measured(tenant, counted, () -> renderer.renderJson(tenant, template, json, counted));
    }

    /** Measures a render: no lock, no allocation (see TemplateMetrics and TenantRenderTimers). */
    private void measured(String tenant, CountingWriter output, Runnable render) {
        if (!inFlight.enter()) {
            throw new TemplateException(TemplateException.Kind.UNAVAILABLE, tenant, null, "the template service is stopping"
                    + " (its bundle is being updated, or its configuration changed): nothing was rendered; retry");
        }
        long start = System.nanoTime();
        try {
            render.run();
        } catch (TemplateException e) {
            TemplateMetrics m = metrics;
            if (m != null) {
                m.failed(e.kind());
            }
            throw e;
        } finally {
            inFlight.exit();
        }
        long end = System.nanoTime();
        TemplateMetrics m = metrics;
        if (m != null) {
            m.rendered(output.count());
        }
        TenantMetricsComponent perTenant = tenantMetrics;
        if (perTenant != null) {
            perTenant.rendered(tenant, end - start, end);
        }
    }

    @Override
    public String contentType(String template) {
        return renderer.contentType(template);
    }

    @Override
    public List<String> tenants() {
        return renderer.tenants();
    }

    @Override
    public List<TemplateInfo> templates(String tenant) {
        return renderer.templates(tenant);
    }

    @Override
    public List<CacheTier> cacheTiers() {
        return renderer.cacheTiers();
    }

    @Override
    public String mode() {
        return renderer.mode();
    }

    @Override
    public long evictCache(String tier) {
        return renderer.evictCache(tier);
    }

    /** The renderer's index and tiers, the watcher's file states and the per-tenant metrics. */
    @Override
    public TemplateFootprint footprint() {
        TenantMetricsComponent perTenant = tenantMetrics;
        return renderer.footprint(watcher.held(), perTenant == null ? 0 : perTenant.estimatedBytes());
    }
}
