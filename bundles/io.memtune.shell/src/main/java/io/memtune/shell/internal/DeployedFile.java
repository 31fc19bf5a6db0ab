package io.memtune.shell.internal;

/**
 * One file of the deploy folder and what became of it.
 *
 * @param file the file's name
 * @param bytes its size
 * @param identity the bundle it is: the installed bundle's, else what its manifest says; null for no bundle
 * @param bundleId the id of the bundle installed from it, or -1
 * @param state ACTIVE, RESOLVED, INSTALLED, ... or {@value #NOT_INSTALLED}
 * @param problem why it does not run (null when it does)
 */
record DeployedFile(String file, long bytes, BundleIdentity identity, long bundleId, String state, String problem) {

    static final String NOT_INSTALLED = "NOT INSTALLED";
}
