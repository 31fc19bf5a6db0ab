package io.memtune.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Minimal bundles written by tests: a manifest and nothing else. */
final class TestBundles {

    private TestBundles() {
    }

    static void write(Path file, String symbolicName, String version) throws IOException {
        write(file, symbolicName, version, java.util.Map.of());
    }

    /** With more manifest headers, e.g. an {@code Import-Package} nobody exports. */
    static void write(Path file, String symbolicName, String version, java.util.Map<String, String> headers) throws IOException {
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        headers.forEach(a::putValue);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }
}
