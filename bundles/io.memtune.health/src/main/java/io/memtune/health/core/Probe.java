package io.memtune.health.core;

import java.util.Optional;

/**
 * What a load balancer or Kubernetes asks, each answered by the Felix Health Checks of one tag (the Felix
 * conventions, so that any bundle adds its own checks by registering a {@code HealthCheck} with that tag).
 */
public enum Probe {

    /** Does the container answer, and should it stay up: {@code /health/live}, the checks tagged {@code systemalive}. */
    LIVE("live", Tags.ALIVE),
    /** May it be sent traffic now: {@code /health/ready}, the checks tagged {@code systemready}. */
    READY("ready", Tags.READY),
    /** Every check, whatever its tags: {@code /health}, for people and dashboards. */
    ALL("all", "*");

    private final String path;
    private final String tag;

    Probe(String path, String tag) {
        this.path = path;
        this.tag = tag;
    }

    /** Its name in URLs and the shell: {@code live}, {@code ready}, {@code all}. */
    public String path() {
        return path;
    }

    /** The Felix HC tag selecting its checks ({@code *}: every tagged check). */
    public String tag() {
        return tag;
    }

    /** The probe a name (or the path info of {@code /health/...}) stands for; none, or {@code /}, is {@link #ALL}. */
    public static Optional<Probe> named(String name) {
        String n = name == null ? "" : name.startsWith("/") ? name.substring(1) : name;
        if (n.isEmpty()) {
            return Optional.of(ALL);
        }
        for (Probe p : values()) {
            if (p.path.equals(n)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
