package io.memtune.shell.internal;

/**
 * One file of the deploy folder and what became of it.
 *
 * @param file the file's name
 * @param bytes its size
 * @param bundle {@code symbolicName version} of the bundle installed from it, or null
 * @param bundleId that bundle's id, or -1
 * @param state ACTIVE, RESOLVED, INSTALLED, ... or NOT INSTALLED
 * @param problem why it does not run (null when it does)
 */
record DeployedFile(String file, long bytes, String bundle, long bundleId, String state, String problem) {
}
