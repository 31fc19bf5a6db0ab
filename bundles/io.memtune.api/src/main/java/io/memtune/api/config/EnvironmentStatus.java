package io.memtune.api.config;

import java.time.Instant;
import java.util.List;

/**
 * The state of the active environment.
 *
 * @param environment the active environment's name
 * @param file the environment file read
 * @param environments every environment that has a file, sorted
 * @param appliedAt when the file last took effect, or null if it never did
 * @param appliedDigest SHA-256 of the file content in force, or null
 * @param pids the configurations applied from the file, sorted
 * @param lastReport the report of the last read (errors mean the previous configuration stayed)
 */
public record EnvironmentStatus(String environment, String file, List<String> environments, Instant appliedAt,
        String appliedDigest, List<String> pids, ValidationReport lastReport) {

    public EnvironmentStatus {
        environments = List.copyOf(environments);
        pids = List.copyOf(pids);
    }
}
