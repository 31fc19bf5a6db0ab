package io.memtune.api.profiler;

/** What a profile holds. */
public enum ProfileKind {
    /** The classes taking the most heap (live objects), as text. */
    HISTOGRAM,
    /** A JFR recording of memory and allocation events. */
    JFR,
    /** A heap dump (HPROF) of live objects, with the histogram taken at the same moment as its summary. */
    HEAP_DUMP
}
