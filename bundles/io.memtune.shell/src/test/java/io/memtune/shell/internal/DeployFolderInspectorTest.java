package io.memtune.shell.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployFolderInspectorTest {

    @Test
    void aCorruptJarIsNamedCorrupt(@TempDir Path dir) throws IOException {
        Path jar = Files.write(dir.resolve("broken.jar"), new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2, 3});
        assertTrue(DeployFolderInspector.whyNotABundle(jar).startsWith("not a readable jar"),
                DeployFolderInspector.whyNotABundle(jar));
    }

    @Test
    void aPlainJarIsNamedNotABundle(@TempDir Path dir) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Path jar = dir.resolve("library.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.flush();
        }
        assertTrue(DeployFolderInspector.whyNotABundle(jar).contains("no Bundle-SymbolicName"),
                DeployFolderInspector.whyNotABundle(jar));
    }

    @Test
    void aJarWithoutManifestIsNamedSo(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("bare.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.flush();
        }
        assertTrue(DeployFolderInspector.whyNotABundle(jar).contains("no META-INF/MANIFEST.MF"),
                DeployFolderInspector.whyNotABundle(jar));
    }
}
