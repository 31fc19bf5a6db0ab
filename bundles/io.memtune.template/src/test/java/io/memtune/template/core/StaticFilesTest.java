package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticFilesTest {

    @TempDir
    Path dir;

    private StaticFiles files(String base) throws IOException {
        Path root = dir.resolve("static");
        Files.createDirectories(root.resolve("css"));
        Files.writeString(root.resolve("css/site.css"), "body { color: red; }\n".repeat(40));
        Files.writeString(root.resolve("robots.txt"), "User-agent: *");
        Files.writeString(root.resolve(".secret"), "hidden");
        Files.writeString(dir.resolve("outside.txt"), "not served");
        Files.createSymbolicLink(root.resolve("escape.txt"), dir.resolve("outside.txt"));
        StaticFiles files = new StaticFiles(root, base, 256, "public, max-age=300");
        files.refresh();
        return files;
    }

    @Test
    void servesByPlainAndFingerprintedNameAndPublishesFingerprintedUrls() throws IOException {
        StaticFiles files = files("/static");
        StaticFiles.Resolved plain = files.find("/css/site.css").orElseThrow();
        String fingerprinted = plain.asset().fingerprintedPath();
        assertTrue(fingerprinted.matches("css/site\\.[0-9a-f]{8}\\.css"), fingerprinted);
        assertFingerprinted(files, fingerprinted);
        assertEquals("/static/" + fingerprinted, files.assetUrls().get("css_site_css"));
        assertTrue(files.find("/css/site.00000000.css").isEmpty(), "a stale fingerprint is not served");
    }

    private static void assertFingerprinted(StaticFiles files, String fingerprinted) {
        StaticFiles.Resolved r = files.find("/" + fingerprinted).orElseThrow();
        assertTrue(r.fingerprinted());
    }

    @Test
    void assetUrlsPointAtTheCdnWhenOneIsConfigured() throws IOException {
        StaticFiles files = files("https://cdn.example.com/static/");
        assertTrue(files.assetUrls().get("robots_txt").startsWith("https://cdn.example.com/static/robots."));
    }

    @Test
    void nothingOutsideTheRootOrHiddenIsServed() throws IOException {
        StaticFiles files = files("/static");
        for (String path : new String[] {"/../outside.txt", "/css/../../outside.txt", "/escape.txt", "/.secret",
                "/css//site.css", "/css/./site.css", "css/site.css", "/css\\site.css", "/"}) {
            assertTrue(files.find(path).isEmpty(), path);
        }
    }

    @Test
    void compressesOnceAndOnlyWhatIsWorthIt() throws IOException {
        StaticFiles files = files("/static");
        StaticFiles.Asset css = files.find("/css/site.css").orElseThrow().asset();
        byte[] gz = files.gzipped(css).orElseThrow();
        assertSame(gz, files.gzipped(css).orElseThrow(), "compressed once, then served from memory");
        assertArrayEquals(Files.readAllBytes(css.file()), new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes());
        assertTrue(files.gzipped(files.find("/robots.txt").orElseThrow().asset()).isEmpty(), "too small to bother");
    }
}
