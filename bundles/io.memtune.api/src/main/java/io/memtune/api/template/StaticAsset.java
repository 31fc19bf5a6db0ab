package io.memtune.api.template;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One file of the static root as the {@link AssetCatalog} indexed it: what an HTTP endpoint needs to serve it with
 * validators and caching, without reading the file system itself. Since 1.3.
 */
@ProviderType
public interface StaticAsset {

    /** Its path under the static root, e.g. {@code css/site.css}. */
    String path();

    /** Bytes of the file as indexed. */
    long size();

    /** When it was last modified, in milliseconds since the epoch. */
    long lastModified();

    /** Its media type ({@code text/css}), or null when unknown. */
    String mediaType();

    /** A strong validator of its content (the same for every representation: plain and gzipped). */
    String contentTag();

    /** Whether it was asked for by its fingerprinted (content-addressed, immutable) name. */
    boolean fingerprinted();

    /** How long clients and proxies may keep it: immutable for a fingerprinted name, the configured policy otherwise. */
    String cacheControl();

    /** Whether a gzipped form is worth offering (text types above a size). */
    boolean compressible();

    /** The gzipped content, compressed once and kept; empty where it is not {@linkplain #compressible() worth it}. */
    Optional<byte[]> gzipped() throws IOException;

    /** Writes the content as it is. */
    void writeTo(OutputStream out) throws IOException;
}
