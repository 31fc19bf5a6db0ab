package io.memtune.tuner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.memtune.api.tuner.Recommendation;
import io.memtune.api.tuner.Recommendation.Kind;

/** A proposed jvm.options as bin/memtune will read it. */
class JvmOptionsFileTest {

    private static final List<String> SHIPPED = List.of("# heap", "-Xms256m", "-Xmx512m", "-XX:+UseG1GC",
            "-XX:+UseStringDeduplication", "-XX:+HeapDumpOnOutOfMemoryError", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info");

    private static Recommendation jvm(String rule, String setting, String current, String proposed) {
        return new Recommendation(rule, rule, Kind.JVM_OPTION, setting, current, proposed, "because of " + rule, "less", 0.5, null,
                true);
    }

    /** The options bin/memtune passes to java: each line without its comment, blank lines skipped. */
    private static List<String> effective(String file) {
        return Arrays.stream(file.split("\n")).map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void theProposalReplacesWhatItChangesAndKeepsTheRest() {
        String file = JvmOptionsFile.merge(SHIPPED, List.of("measured: live 36 MB"), List.of(jvm("heap-size", "-Xmx", "512m", "112m"),
                jvm("initial-heap", "-Xms", "256m", "40m"), jvm("collector", "-XX:+UseSerialGC", "G1", "Serial"),
                jvm("string-deduplication", "-XX:-UseStringDeduplication", "on", "off"),
                jvm("metaspace-bound", "-XX:MaxMetaspaceSize", "unbounded", "64m")));
        assertEquals(List.of("-XX:+HeapDumpOnOutOfMemoryError", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Xmx112m", "-Xms40m",
                "-XX:+UseSerialGC", "-XX:-UseStringDeduplication", "-XX:MaxMetaspaceSize=64m"), effective(file));
        assertTrue(file.startsWith("# measured: live 36 MB\n"), file);
        assertTrue(file.contains("# -Xmx512m    <- replaced by the tuner (heap-size, below)"), file);
        assertTrue(file.contains("# -XX:+UseG1GC    <- replaced by the tuner (collector, below)"), file);
        assertTrue(file.contains("# tuner (heap-size; was 512m): because of heap-size\n-Xmx112m\n"), file);
    }

    @Test
    void aCollectorReplacesAnyOtherCollector() {
        String file = JvmOptionsFile.merge(List.of("-XX:+UseParallelGC", "-XX:ParallelGCThreads=2"), List.of(),
                List.of(jvm("collector", "-XX:+UseG1GC", "Parallel", "G1")));
        assertEquals(List.of("-XX:ParallelGCThreads=2", "-XX:+UseG1GC"), effective(file));
    }

    @Test
    void ofTwoRecommendationsForOneFlagTheLaterIsTaken() {
        String file = JvmOptionsFile.merge(List.of("-XX:+UseStringDeduplication"), List.of(), List.of(
                jvm("string-deduplication", "-XX:-UseStringDeduplication", "on", "off"),
                jvm("a-third-party-rule", "-XX:-UseStringDeduplication", "on", "off")));
        assertEquals(List.of("-XX:-UseStringDeduplication"), effective(file));
        assertTrue(file.contains("a-third-party-rule") && !file.contains("because of string-deduplication"), file);
    }

    @Test
    void nothingToChangeLeavesTheFileAsItWas() {
        assertEquals(String.join("\n", SHIPPED) + "\n", JvmOptionsFile.merge(SHIPPED, List.of(), List.of()));
    }
}
