package io.memtune.optimizer.core;

/**
 * What every page compiled to the same root fragment shares: the names it reads (for pruning contexts) and the
 * report's figures. Set once on the root fragment, so ten thousand tenants' copies of a design hold one of these,
 * not one each.
 *
 * @param needs the names the page can look up, or null when it needs the whole context
 * @param sourceBytes the characters of its closure's texts
 * @param baselineBytes what Mustache.java would retain for it (estimate)
 * @param compactAloneBytes its compact form if it shared nothing
 */
record PageFacts(ContextNeeds needs, long sourceBytes, long baselineBytes, long compactAloneBytes) {
}
