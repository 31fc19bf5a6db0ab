package io.memtune.template.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.memtune.api.template.AssetCatalog;
import io.memtune.api.template.StaticAsset;
import io.memtune.template.core.DaemonScheduler;
import io.memtune.template.core.StaticFiles;

/**
 * The static root's index: the {@link AssetCatalog} that gives templates their asset URLs (local, or on the CDN)
 * and gives the {@code /static} endpoint (the HTTP bundle) the files it may serve, re-indexed on an interval.
 */
@Component(service = AssetCatalog.class, configurationPid = StaticAssetsComponent.PID)
@Designate(ocd = StaticAssetsComponent.Config.class)
public final class StaticAssetsComponent implements AssetCatalog {

    static final String PID = "io.memtune.template.static";

    @ObjectClassDefinition(name = "memtune static files", description = "The static root served under /static: asset URLs,"
            + " fingerprints, caching, CDN.")
    public @interface Config {
        @AttributeDefinition(name = "Static root", description = "The directory served; relative to the installation.")
        String static_root() default "static";

        @AttributeDefinition(name = "Cache-Control", description = "For files asked for by their plain name"
                + " (fingerprinted names are always cached for a year).")
        String cache_control() default "public, max-age=300";

        @AttributeDefinition(name = "CDN base URL", description = "Empty: assets are served here. Otherwise the URL"
                + " the CDN serves this container's /static from, e.g. https://cdn.example.com (no trailing /static).")
        String cdn_base_url() default "";

        @AttributeDefinition(name = "Poll interval (ms)", description = "How often the static root is re-indexed.",
                min = "100", max = "600000")
        long poll_interval_ms() default 2000;

        @AttributeDefinition(name = "Smallest gzipped file (bytes)", description = "Smaller files are sent as they are.",
                min = "0")
        int gzip_min_bytes() default 256;
    }

    private static final Logger LOG = LoggerFactory.getLogger(StaticAssetsComponent.class);

    private final StaticFiles files;
    private final ScheduledExecutorService indexer;

    @Activate
    public StaticAssetsComponent(BundleContext context, Config config) throws IOException {
        String cdn = config.cdn_base_url().trim();
        String base = (cdn.isEmpty() ? "" : (cdn.endsWith("/") ? cdn.substring(0, cdn.length() - 1) : cdn)) + "/static";
        this.files = new StaticFiles(TemplateServiceComponent.resolve(context::getProperty, config.static_root()), base,
                config.gzip_min_bytes(), config.cache_control());
        files.refresh();
        this.indexer = DaemonScheduler.single("memtune-static-index");
        long interval = Duration.ofMillis(config.poll_interval_ms()).toMillis();
        indexer.scheduleWithFixedDelay(this::refresh, interval, interval, TimeUnit.MILLISECONDS);
        LOG.info("static files from {} ({} assets){}", files.root(), files.assetUrls().size(),
                cdn.isEmpty() ? "" : ", asset URLs on " + cdn);
    }

    @Deactivate
    void stop() {
        indexer.shutdownNow();
    }

    private void refresh() {
        try {
            files.refresh();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot index {}: {} (the previous index stays)", files.root(), e.toString());
        }
    }

    @Override
    public Map<String, String> assetUrls() {
        return files.assetUrls();
    }

    @Override
    public Optional<StaticAsset> resolve(String requestPath) {
        return files.resolve(requestPath);
    }
}
