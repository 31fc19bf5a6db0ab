package io.memtune.shell.internal;

import org.osgi.framework.Version;

/**
 * A bundle's symbolic name and version: what makes two jars "the same bundle" for the framework and for
 * FileInstall, whatever their file names.
 *
 * @param symbolicName the name without its directives ({@code ;singleton:=true})
 * @param version the version as the framework writes it ({@code 1.1} is {@code 1.1.0})
 */
record BundleIdentity(String symbolicName, String version) {

    /** From manifest headers; a missing version is the framework's {@code 0.0.0}. */
    static BundleIdentity fromHeaders(String symbolicNameHeader, String versionHeader) {
        return new BundleIdentity(symbolicNameHeader.split(";", 2)[0].trim(), normalized(versionHeader));
    }

    private static String normalized(String version) {
        if (version == null || version.isBlank()) {
            return Version.emptyVersion.toString();
        }
        try {
            return Version.parseVersion(version.trim()).toString();
        } catch (IllegalArgumentException e) {
            // the framework refuses such a bundle; show the version as written so the operator recognises it
            return version.trim();
        }
    }

    @Override
    public String toString() {
        return symbolicName + " " + version;
    }
}
