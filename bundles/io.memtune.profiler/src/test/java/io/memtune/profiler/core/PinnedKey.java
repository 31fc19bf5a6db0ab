package io.memtune.profiler.core;

/** A record that {@link JdkLoaderPinsTest} defines again in a loader of its own, as an updated bundle's would be. */
public record PinnedKey(String tenant, String name) {
}
