package io.memtune.profiler.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.memtune.api.profiler.ClassHistogramEntry;

class ClassHistogramsTest {

    @Test
    void parsesTheJvmsHistogram() {
        String text = " num     #instances         #bytes  class name (module)\n"
                + "-------------------------------------------------------\n"
                + "   1:         36422        3244160  [B (java.base@17.0.15)\n"
                + "   2:         38699         928776  java.lang.String (java.base@17.0.15)\n"
                + "   3:            10            640  io.memtune.Foo\n"
                + "Total        75131        4173576\n";
        assertEquals(List.of(new ClassHistogramEntry(1, 36422, 3244160, "[B"),
                new ClassHistogramEntry(2, 38699, 928776, "java.lang.String")), ClassHistograms.parse(text, 2));
    }

    @Test
    void capturesTheLiveHeapOfThisJvm() {
        List<ClassHistogramEntry> top = ClassHistograms.parse(ClassHistograms.capture(), 5);
        assertEquals(5, top.size());
        assertTrue(top.get(0).bytes() >= top.get(4).bytes());
    }
}
