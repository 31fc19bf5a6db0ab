package io.memtune.health.core;

/** The Felix Health Check tags the probes select (Felix's own conventions, shared with its general checks). */
public final class Tags {

    /** Liveness: the container answers and should be left running. */
    public static final String ALIVE = "systemalive";
    /** Readiness: the container may be sent traffic now. */
    public static final String READY = "systemready";

    private Tags() {
    }
}
