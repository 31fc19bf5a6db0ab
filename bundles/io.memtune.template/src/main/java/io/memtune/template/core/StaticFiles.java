package io.memtune.template.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.memtune.api.template.AssetCatalog;
import io.memtune.api.template.StaticAsset;

/**
 * Static files under a root, indexed with a content hash: what the static endpoint may serve (nothing
 * outside the index, so no path can escape the root: {@code ..}, hidden files and symbolic links that
 * leave the root are never indexed), their fingerprinted names ({@code css/site.css} is also served as
 * {@code css/site.3f2a1b4c.css}, cacheable forever), and each compressible file gzipped once.
 */
public final class StaticFiles implements AssetCatalog {

    private static final Pattern FINGERPRINTED = Pattern.compile("^(.*)\\.([0-9a-f]{8})(\\.[^./]+)?$");

    private final Path root;
    private final String urlBase;
    private final int gzipMinBytes;
    private final String cacheControl;
    private volatile Map<String, Asset> index = Map.of();
    private volatile Map<String, String> urls = Map.of();
    private final Cache<String, byte[]> gzipped = Caffeine.newBuilder()
            .maximumWeight(32L * 1024 * 1024).weigher((String k, byte[] v) -> v.length).executor(Runnable::run).build();

    /**
     * An indexed file.
     *
     * @param path the path under the root, with {@code /}
     * @param file the file
     * @param hash SHA-256 of the content, hex
     * @param size bytes
     * @param modified milliseconds since the epoch
     * @param mediaType the content type, or null when unknown
     */
    public record Asset(String path, Path file, String hash, long size, long modified, String mediaType) {

        /** The first 8 hex digits of the hash, as in fingerprinted names. */
        public String fingerprint() {
            return hash.substring(0, 8);
        }

        /** {@code css/site.css} as {@code css/site.3f2a1b4c.css}. */
        public String fingerprintedPath() {
            int slash = path.lastIndexOf('/');
            int dot = path.lastIndexOf('.');
            return dot > slash + 1 ? path.substring(0, dot) + "." + fingerprint() + path.substring(dot)
                    : path + "." + fingerprint();
        }

        public boolean compressible() {
            return mediaType != null && (mediaType.startsWith("text/") || mediaType.endsWith("json")
                    || mediaType.endsWith("xml") || mediaType.equals("image/svg+xml") || mediaType.endsWith("javascript"));
        }
    }

    /**
     * What a request path names.
     *
     * @param asset the file
     * @param fingerprinted whether it was asked for by its fingerprinted name (then it may be cached forever)
     */
    public record Resolved(Asset asset, boolean fingerprinted) {
    }

    /**
     * @param root the directory served
     * @param urlBase what asset URLs start with: {@code /static} locally, {@code https://cdn.example.com/static}
     *        with a CDN
     * @param gzipMinBytes the smallest file worth compressing
     * @param cacheControl how files asked for by their plain name may be cached (a fingerprinted name: forever)
     */
    public StaticFiles(Path root, String urlBase, int gzipMinBytes, String cacheControl) {
        this.root = root.toAbsolutePath().normalize();
        this.urlBase = urlBase.endsWith("/") ? urlBase.substring(0, urlBase.length() - 1) : urlBase;
        this.gzipMinBytes = gzipMinBytes;
        this.cacheControl = cacheControl;
    }

    public Path root() {
        return root;
    }

    /** Re-reads the root; a file whose size and time did not change keeps its hash (no re-read). */
    public synchronized void refresh() throws IOException {
        Map<String, Asset> previous = index;
        Map<String, Asset> next = new HashMap<>();
        if (Files.isDirectory(root)) {
            Path realRoot = root.toRealPath();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.toList()) {
                    String path = root.relativize(file).toString().replace('\\', '/');
                    if (path.isEmpty() || !isSafe(path) || !Files.isRegularFile(file)
                            || !file.toRealPath().startsWith(realRoot)) {
                        continue;
                    }
                    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                    Asset old = previous.get(path);
                    long modified = a.lastModifiedTime().toMillis();
                    next.put(path, old != null && old.size() == a.size() && old.modified() == modified ? old
                            : new Asset(path, file, sha256(file), a.size(), modified,
                                    ContentTypes.mediaType(file.getFileName().toString())));
                }
            }
        }
        Map<String, String> nextUrls = new TreeMap<>();
        next.values().forEach(asset -> nextUrls.put(AssetCatalog.key(asset.path()), urlBase + "/" + asset.fingerprintedPath()));
        index = Map.copyOf(next);
        urls = Map.copyOf(nextUrls);
    }

    @Override
    public Map<String, String> assetUrls() {
        return urls;
    }

    @Override
    public Optional<StaticAsset> resolve(String requestPath) {
        return find(requestPath).map(found -> new IndexedAsset(found.asset(), found.fingerprinted(), this));
    }

    /** The asset a request path names, exactly or by its fingerprinted name; empty for anything else. */
    public Optional<Resolved> find(String requestPath) {
        if (requestPath == null || !requestPath.startsWith("/")) {
            return Optional.empty();
        }
        String path = requestPath.substring(1);
        if (!isSafe(path)) {
            return Optional.empty();
        }
        Map<String, Asset> current = index;
        Asset exact = current.get(path);
        if (exact != null) {
            return Optional.of(new Resolved(exact, false));
        }
        Matcher m = FINGERPRINTED.matcher(path);
        if (m.matches()) {
            Asset asset = current.get(m.group(1) + (m.group(3) == null ? "" : m.group(3)));
            if (asset != null && asset.fingerprint().equals(m.group(2))) {
                return Optional.of(new Resolved(asset, true));
            }
        }
        return Optional.empty();
    }

    /** The gzipped content, compressed at its first request and kept; empty when not worth it. */
    public Optional<byte[]> gzipped(Asset asset) throws IOException {
        if (!asset.compressible() || asset.size() < gzipMinBytes) {
            return Optional.empty();
        }
        byte[] cached = gzipped.getIfPresent(asset.hash());
        if (cached == null) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(buffer); InputStream in = Files.newInputStream(asset.file())) {
                in.transferTo(gzip);
            }
            cached = buffer.toByteArray();
            gzipped.put(asset.hash(), cached);
        }
        return Optional.of(cached);
    }

    /** The Cache-Control of a file asked for by its plain name. */
    String cacheControl() {
        return cacheControl;
    }

    /** No empty, {@code .} or {@code ..} segment, no hidden file, no back-slash or control character. */
    static boolean isSafe(String path) {
        if (path.isEmpty() || path.length() > 1024) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".")) {
                return false;
            }
        }
        return path.chars().noneMatch(c -> c < 0x20 || c == '\\' || c == 0x7f);
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
