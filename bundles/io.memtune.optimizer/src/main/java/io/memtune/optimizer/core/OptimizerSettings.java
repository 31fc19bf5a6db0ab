package io.memtune.optimizer.core;

/**
 * Which optimizations are on (each is a step of {@code memtune:optimize}'s report).
 *
 * @param compact the compact form instead of Mustache.java's codes (off: everything goes to Mustache.java)
 * @param share partials, parents and identical pages compiled once by content, shared across templates
 * @param deduplicate text segments and names interned across the repository (weakly)
 * @param pruneContext JSON contexts read keeping only what the template can look up
 */
public record OptimizerSettings(boolean compact, boolean share, boolean deduplicate, boolean pruneContext) {

    public static final OptimizerSettings ALL = new OptimizerSettings(true, true, true, true);
}
