package io.memtune.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;

/** Bundles written by tests: a manifest and nothing else, one with a large entry, or a copy in another version. */
final class TestBundles {

    private TestBundles() {
    }

    static void write(Path file, String symbolicName, String version) throws IOException {
        write(file, symbolicName, version, Map.of());
    }

    /** With more manifest headers, e.g. an {@code Import-Package} nobody exports. */
    static void write(Path file, String symbolicName, String version, Map<String, String> headers) throws IOException {
        write(file, symbolicName, version, headers, Map.of());
    }

    /** With entries too: path in the jar to content. */
    static void write(Path file, String symbolicName, String version, Map<String, String> headers,
            Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                JarOutputStream jar = new JarOutputStream(out, manifest(symbolicName, version, headers))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
    }

    /**
     * A bundle with one immediate DS component whose activate method throws ({@code ThrowingComponent}, its class
     * copied from the test's own class path), named {@code componentName}.
     */
    static void writeWithFailingComponent(Path file, String symbolicName, String componentName) throws IOException {
        Class<?> type = io.memtune.itests.fixtures.ThrowingComponent.class;
        String classFile = classFile(type);
        byte[] bytes = classBytes(type);
        String description = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"" + componentName
                + "\" immediate=\"true\" activate=\"activate\">\n"
                + "  <implementation class=\"" + type.getName() + "\"/>\n"
                + "</scr:component>\n";
        write(file, symbolicName, "1.0.0", Map.of("Service-Component", "OSGI-INF/component.xml"),
                Map.of(classFile, bytes, "OSGI-INF/component.xml", description.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A bundle whose activator is {@code activator} (its class copied from the test's own class path, with the
     * classes nested in it: lambdas need none), importing {@code org.osgi.framework}.
     */
    static void writeWithActivator(Path file, String symbolicName, String version, Class<?> activator,
            Map<String, String> headers) throws IOException {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Bundle-Activator", activator.getName());
        all.put("Import-Package", "org.osgi.framework");
        write(file, symbolicName, version, all, Map.of(classFile(activator), classBytes(activator)));
    }

    private static String classFile(Class<?> type) {
        return type.getName().replace('.', '/') + ".class";
    }

    private static byte[] classBytes(Class<?> type) throws IOException {
        try (var in = type.getClassLoader().getResourceAsStream(classFile(type))) {
            return in.readAllBytes();
        }
    }

    /**
     * A valid bundle with one stored (uncompressed) entry of {@code entryBytes} zeros, written as a hole: a
     * large bundle that costs no disk and no time to write (the framework's copy of it in its cache does). The
     * zip is written by hand, since {@code ZipOutputStream} would write every byte; under 4 GiB, no zip64.
     */
    static void writeWithLargeEntry(Path file, String symbolicName, String version, long entryBytes) throws IOException {
        if (entryBytes >= 0xFFFF_FFFFL - (1 << 20)) {
            throw new IllegalArgumentException("the entry must stay under 4 GiB (no zip64 here): " + entryBytes);
        }
        ByteArrayOutputStream manifestBytes = new ByteArrayOutputStream();
        manifest(symbolicName, version, Map.of()).write(manifestBytes);
        byte[] manifest = manifestBytes.toByteArray();
        CRC32 manifestCrc = new CRC32();
        manifestCrc.update(manifest);
        ZipEntryHeader manifestEntry = new ZipEntryHeader("META-INF/MANIFEST.MF", manifestCrc.getValue(),
                manifest.length, 0);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            write(out, manifestEntry.local());
            write(out, ByteBuffer.wrap(manifest));
            ZipEntryHeader large = new ZipEntryHeader("large.bin", crcOfZeros(entryBytes), entryBytes, out.position());
            write(out, large.local());
            out.position(out.position() + entryBytes); // the hole: zeros when read
            long centralDirectory = out.position();
            List<ZipEntryHeader> entries = List.of(manifestEntry, large);
            for (ZipEntryHeader e : entries) {
                write(out, e.central());
            }
            ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
            end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                    .putShort((short) entries.size()).putShort((short) entries.size())
                    .putInt((int) (out.position() - centralDirectory)).putInt((int) centralDirectory).putShort((short) 0);
            write(out, end.flip());
        }
    }

    /** A copy of a bundle under another {@code Bundle-Version}, all else the same. */
    static void withVersion(Path source, Path target, String version) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(source))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
    }

    /** The example plugin (examples/third-party-optimizer): a real bundle whose DS component registers a pass. */
    static Path examplePass() {
        Path example = Path.of(System.getProperty("memtune.example.pass.jar"));
        if (!Files.exists(example)) {
            throw new IllegalStateException("build the example first: " + example);
        }
        return example;
    }

    private static Manifest manifest(String symbolicName, String version, Map<String, String> headers) {
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        headers.forEach(a::putValue);
        return manifest;
    }

    private static long crcOfZeros(long bytes) {
        CRC32 crc = new CRC32();
        byte[] zeros = new byte[1 << 20];
        for (long left = bytes; left > 0; left -= zeros.length) {
            crc.update(zeros, 0, (int) Math.min(zeros.length, left));
        }
        return crc.getValue();
    }

    private static void write(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    /** A stored entry's local and central headers (APPNOTE 4.3.7 and 4.3.12). */
    private record ZipEntryHeader(String name, long crc, long size, long offset) {

        private static final short STORED = 0;
        private static final short VERSION = 20;
        private static final short DOS_DATE_2024_01_01 = (short) ((2024 - 1980) << 9 | 1 << 5 | 1);

        ByteBuffer local() {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(30 + n.length).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(0x04034b50).putShort(VERSION).putShort((short) 0).putShort(STORED)
                    .putShort((short) 0).putShort(DOS_DATE_2024_01_01)
                    .putInt((int) crc).putInt((int) size).putInt((int) size)
                    .putShort((short) n.length).putShort((short) 0).put(n);
            return b.flip();
        }

        ByteBuffer central() {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(46 + n.length).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(0x02014b50).putShort(VERSION).putShort(VERSION).putShort((short) 0).putShort(STORED)
                    .putShort((short) 0).putShort(DOS_DATE_2024_01_01)
                    .putInt((int) crc).putInt((int) size).putInt((int) size)
                    .putShort((short) n.length).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) offset).put(n);
            return b.flip();
        }
    }
}
