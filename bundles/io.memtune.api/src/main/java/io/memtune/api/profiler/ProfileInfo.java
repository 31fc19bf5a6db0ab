package io.memtune.api.profiler;

import java.time.Instant;
import java.util.List;

/**
 * A stored profile.
 *
 * @param id its identifier (also the file's base name)
 * @param kind what it holds
 * @param time when it was captured
 * @param trigger why: {@code manual} or the threshold crossed
 * @param sizeBytes the file's size
 * @param file the file's path
 * @param summary the top classes by bytes at capture time (empty for a JFR recording)
 */
public record ProfileInfo(String id, ProfileKind kind, Instant time, String trigger, long sizeBytes, String file,
        List<ClassHistogramEntry> summary) {

    public ProfileInfo {
        summary = List.copyOf(summary);
    }
}
