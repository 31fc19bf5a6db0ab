package io.memtune.shell.internal;

import java.util.Optional;

/**
 * Why a bundle of the deploy folder does not run because the same bundle is there twice, in the operator's
 * terms: what happened, what it means, what to do. FileInstall handles a file again only when it changes; moving
 * it out of deploy/ and back always works (a touch does not after FileInstall tied the file to a bundle that is
 * gone).
 */
final class DeployReasons {

    /** FileInstall must have seen it gone (it polls every second) before it comes back. */
    static final String MOVE_OUT_AND_BACK = "move it out of deploy/ and back a few seconds later";

    static final String REFUSED_OR_NOT_SEEN_YET = "not installed: the framework refused it (see the log) or FileInstall"
            + " has not seen it yet (it polls every second); FileInstall handles a file again only when it changes: "
            + MOVE_OUT_AND_BACK;

    private static final String REPLACE_IN_BUNDLE_DIRECTORY = "to replace a bundle of the container, replace its jar"
            + " under bundle/ and restart";

    private DeployReasons() {
    }

    /**
     * The same symbolic name and version as an installed bundle: FileInstall installs no second copy, it updates
     * that bundle from this file and ties the file to it, so that deleting the file uninstalls the bundle.
     */
    static String sameBundle(InstalledBundle installed, Optional<String> deployFile) {
        String id = "bundle " + installed.id();
        return deployFile.map(other -> "the same bundle as " + other + " (" + id + "): FileInstall installs no second"
                + " copy, it updates " + id + " from this file instead and ties both files to it: deleting either"
                + " uninstalls " + id + ", and the other then stays uninstalled until you " + MOVE_OUT_AND_BACK
                + " (or restart); keep one file")
                .orElse("the same bundle as the container's " + id + " (" + installed.location() + "): FileInstall"
                        + " updates that bundle from this file instead, and deleting this file uninstalls it until the"
                        + " next start; " + REPLACE_IN_BUNDLE_DIRECTORY);
    }

    /** Another version of the bundle was installed first: only that one resolves ({@link OneVersionPerBundle}). */
    static String anotherVersionFirst(InstalledBundle first, Optional<String> deployFile) {
        String running = first.identity() + " (bundle " + first.id();
        String rule = "the container runs one version of a bundle at a time, the first installed";
        return deployFile.map(other -> "not resolved: " + running + ", from " + other + ") came first, and " + rule
                + "; keep one: to run this one instead, delete " + other + " (this one then starts by itself)")
                .orElse("not resolved: " + running + ") is a bundle of the container, and " + rule + "; "
                        + REPLACE_IN_BUNDLE_DIRECTORY);
    }
}
