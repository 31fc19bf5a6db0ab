package io.memtune.template.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Optional;

import io.memtune.api.template.StaticAsset;

/** A file of the static index, as the {@code /static} endpoint serves it. */
final class IndexedAsset implements StaticAsset {

    /** A fingerprinted name changes with the content: its answer never does. */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final StaticFiles.Asset asset;
    private final boolean fingerprinted;
    private final StaticFiles files;

    IndexedAsset(StaticFiles.Asset asset, boolean fingerprinted, StaticFiles files) {
        this.asset = asset;
        this.fingerprinted = fingerprinted;
        this.files = files;
    }

    @Override
    public String path() {
        return asset.path();
    }

    @Override
    public long size() {
        return asset.size();
    }

    @Override
    public long lastModified() {
        return asset.modified();
    }

    @Override
    public String mediaType() {
        return asset.mediaType();
    }

    @Override
    public String contentTag() {
        return asset.hash().substring(0, 16);
    }

    @Override
    public boolean fingerprinted() {
        return fingerprinted;
    }

    @Override
    public String cacheControl() {
        return fingerprinted ? IMMUTABLE : files.cacheControl();
    }

    @Override
    public boolean compressible() {
        return asset.compressible();
    }

    @Override
    public Optional<byte[]> gzipped() throws IOException {
        return files.gzipped(asset);
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        Files.copy(asset.file(), out);
    }
}
