package io.memtune.api.optimizer;

/**
 * A pass and how it fares.
 *
 * @param name the pass
 * @param origin {@code built-in}, or where a plugin came from (its bundle, or {@code ServiceLoader})
 * @param enabled whether the environment switches it on
 * @param applied trees it rewrote
 * @param failures trees it failed on (threw, ran out of time, or changed the output) and was skipped for
 * @param lastFailure the last failure's description, or null
 */
public record PassStatus(String name, String origin, boolean enabled, long applied, long failures, String lastFailure) {
}
