package io.memtune.shell.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/**
 * What the deploy report needs of an installed bundle, taken once from the framework (so the report's logic
 * is tested without a framework).
 *
 * @param id the bundle id
 * @param identity its symbolic name and version (null for a bundle without a symbolic name)
 * @param location where it was installed from; FileInstall uses the file's URI
 * @param state {@link Bundle#getState()}
 * @param fragment whether it is a fragment (fragments never start; RESOLVED is their running state)
 */
record InstalledBundle(long id, BundleIdentity identity, String location, int state, boolean fragment) {

    static InstalledBundle of(Bundle bundle) {
        String name = bundle.getSymbolicName();
        return new InstalledBundle(bundle.getBundleId(),
                name == null ? null : new BundleIdentity(name, bundle.getVersion().toString()),
                bundle.getLocation(), bundle.getState(), bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null);
    }

    /** Null for a bundle without one. */
    String symbolicName() {
        return identity == null ? null : identity.symbolicName();
    }

    /**
     * FileInstall starts what it installs: INSTALLED did not resolve, RESOLVED failed to start (its activator
     * threw, say); fragments never start and are fine RESOLVED.
     */
    boolean failedToStart() {
        return state == Bundle.INSTALLED || state == Bundle.RESOLVED && !fragment;
    }

    String stateName() {
        switch (state) {
            case Bundle.ACTIVE:
                return "ACTIVE";
            case Bundle.RESOLVED:
                return "RESOLVED";
            case Bundle.INSTALLED:
                return "INSTALLED";
            case Bundle.STARTING:
                return "STARTING";
            case Bundle.STOPPING:
                return "STOPPING";
            default:
                return "UNINSTALLED";
        }
    }
}
