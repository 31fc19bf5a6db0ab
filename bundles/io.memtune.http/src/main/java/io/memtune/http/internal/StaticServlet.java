package io.memtune.http.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import io.memtune.api.template.AssetCatalog;
import io.memtune.api.template.StaticAsset;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /static/{path}}: the files the {@link AssetCatalog} indexed, with a strong ETag (304 on
 * If-None-Match), Last-Modified (304 on If-Modified-Since), the asset's Cache-Control (a fingerprinted name
 * immutable for a year), and gzip for compressible types (compressed once, by the catalog).
 *
 * <p>Degraded behaviour: without a catalog (the template bundle away) every path is answered 404.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/static/*")
public final class StaticServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile AssetCatalog catalog;

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
        AssetCatalog assets = catalog;
        Optional<StaticAsset> resolved = assets == null ? Optional.empty() : assets.resolve(request.getPathInfo());
        if (resolved.isEmpty()) {
            ErrorResponses.send(response, 404, "not_found", "no static file " + request.getRequestURI());
            return;
        }
        StaticAsset asset = resolved.get();
        Optional<byte[]> gzip = acceptsGzip(request) ? asset.gzipped() : Optional.empty();
        response.setHeader("ETag", "\"" + asset.contentTag() + (gzip.isPresent() ? "-gz" : "") + "\"");
        response.setDateHeader("Last-Modified", asset.lastModified());
        response.setHeader("Cache-Control", asset.cacheControl());
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
                asset.writeTo(response.getOutputStream());
            }
        }
    }

    /** If-None-Match (any representation of this content) decides; else If-Modified-Since. */
    private static boolean notModified(HttpServletRequest request, StaticAsset asset) {
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null) {
            for (String candidate : ifNoneMatch.split(",")) {
                String c = candidate.trim();
                if (c.equals("*") || c.replace("W/", "").replace("-gz", "").equals("\"" + asset.contentTag() + "\"")) {
                    return true;
                }
            }
            return false;
        }
        try {
            long since = request.getDateHeader("If-Modified-Since");
            return since >= 0 && asset.lastModified() / 1000 <= since / 1000;
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
