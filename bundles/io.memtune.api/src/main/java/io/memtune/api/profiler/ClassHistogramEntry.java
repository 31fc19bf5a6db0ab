package io.memtune.api.profiler;

/**
 * One line of a class histogram.
 *
 * @param rank 1 for the class taking the most bytes
 * @param instances live instances
 * @param bytes their shallow size
 * @param className the class
 */
public record ClassHistogramEntry(int rank, long instances, long bytes, String className) {
}
