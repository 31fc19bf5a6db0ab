/**
 * Per-environment configuration: which environment is active, the effective value of every property with
 * where it came from, validation of environment files and the difference between two environments.
 *
 * <p>Provided by the {@code io.memtune.config} bundle; read by the shell, the tuner and the dashboard.
 */
@Export
@Version("1.1.0")
package io.memtune.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
