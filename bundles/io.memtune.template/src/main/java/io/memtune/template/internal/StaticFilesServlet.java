package io.memtune.template.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
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
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.memtune.api.template.AssetCatalog;
import io.memtune.template.core.DaemonScheduler;
import io.memtune.template.core.StaticFiles;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /static/{path}}: files of the static root with a strong ETag (304 on If-None-Match),
 * Last-Modified (304 on If-Modified-Since), Cache-Control from the configuration, and gzip for compressible
 * types (compressed once). A fingerprinted name ({@code site.3f2a1b4c.css}) is served
 * {@code public, max-age=31536000, immutable}. Also the {@link AssetCatalog} templates read their asset URLs
 * from: local in an environment without a CDN, on the CDN otherwise.
 */
@Component(service = {Servlet.class, AssetCatalog.class}, configurationPid = StaticFilesServlet.PID)
@HttpWhiteboardServletPattern("/static/*")
@Designate(ocd = StaticFilesServlet.Config.class)
public final class StaticFilesServlet extends HttpServlet implements AssetCatalog {

    private static final long serialVersionUID = 1L;
    static final String PID = "io.memtune.template.static";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    @ObjectClassDefinition(name = "memtune static files", description = "GET /static/{path}, asset URLs, CDN.")
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

    private static final Logger LOG = LoggerFactory.getLogger(StaticFilesServlet.class);

    private final transient StaticFiles files;
    private final String cacheControl;
    private final transient ScheduledExecutorService indexer;

    @Activate
    public StaticFilesServlet(BundleContext context, Config config) throws IOException {
        String cdn = config.cdn_base_url().trim();
        String base = (cdn.isEmpty() ? "" : (cdn.endsWith("/") ? cdn.substring(0, cdn.length() - 1) : cdn)) + "/static";
        this.files = new StaticFiles(TemplateServiceComponent.resolve(context::getProperty, config.static_root()), base,
                config.gzip_min_bytes());
        this.cacheControl = config.cache_control();
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
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean body) throws IOException {
        String raw = request.getRequestURI().toLowerCase(Locale.ROOT);
        if (raw.contains("%2f") || raw.contains("%5c") || raw.contains("%00") || raw.contains("%25")) {
            // an encoded slash, back-slash, NUL or percent is how traversals hide from a first decoding
            ErrorResponses.send(response, 400, "bad_path", "encoded '/', '\\', NUL or '%' in a static path");
            return;
        }
        Optional<StaticFiles.Resolved> resolved = files.resolve(request.getPathInfo());
        if (resolved.isEmpty()) {
            ErrorResponses.send(response, 404, "not_found", "no static file " + request.getRequestURI());
            return;
        }
        StaticFiles.Asset asset = resolved.get().asset();
        Optional<byte[]> gzip = acceptsGzip(request) ? files.gzipped(asset) : Optional.empty();
        String etag = "\"" + asset.hash().substring(0, 16) + (gzip.isPresent() ? "-gz" : "") + "\"";
        response.setHeader("ETag", etag);
        response.setDateHeader("Last-Modified", asset.modified());
        response.setHeader("Cache-Control", resolved.get().fingerprinted() ? IMMUTABLE : cacheControl);
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (asset.compressible()) {
            response.setHeader("Vary", "Accept-Encoding");
        }
        if (notModified(request, asset)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(asset.mediaType() == null ? "application/octet-stream"
                : asset.mediaType() + (asset.mediaType().startsWith("text/") ? "; charset=UTF-8" : ""));
        if (gzip.isPresent()) {
            response.setHeader("Content-Encoding", "gzip");
            response.setContentLength(gzip.get().length);
            if (body) {
                response.getOutputStream().write(gzip.get());
            }
        } else {
            response.setContentLengthLong(asset.size());
            if (body) {
                Files.copy(asset.file(), response.getOutputStream());
            }
        }
    }

    /** If-None-Match (any representation of this content) decides; else If-Modified-Since. */
    private static boolean notModified(HttpServletRequest request, StaticFiles.Asset asset) {
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null) {
            String tag = asset.hash().substring(0, 16);
            for (String candidate : ifNoneMatch.split(",")) {
                String c = candidate.trim();
                if (c.equals("*") || c.replace("W/", "").replace("-gz", "").equals("\"" + tag + "\"")) {
                    return true;
                }
            }
            return false;
        }
        try {
            long since = request.getDateHeader("If-Modified-Since");
            return since >= 0 && asset.modified() / 1000 <= since / 1000;
        } catch (IllegalArgumentException notADate) {
            return false;
        }
    }

    private static boolean acceptsGzip(HttpServletRequest request) {
        String accept = request.getHeader("Accept-Encoding");
        if (accept == null) {
            return false;
        }
        for (String part : accept.split(",")) {
            String[] coding = part.trim().split(";");
            if (coding[0].trim().equalsIgnoreCase("gzip")) {
                return !(coding.length > 1 && coding[1].replace(" ", "").matches("q=0(\\.0*)?"));
            }
        }
        return false;
    }
}
