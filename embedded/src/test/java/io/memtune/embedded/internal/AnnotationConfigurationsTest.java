package io.memtune.embedded.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AnnotationConfigurationsTest {

    @interface Settings {
        long snapshot_interval_ms() default 10_000;

        String mode() default "recommend";

        String[] rulesets() default {"jvm"};

        boolean capture__raw() default false;

        double tolerance() default 0.2;

        int workers$_$max() default 4;
    }

    @Test
    void mapsElementNamesToKeysAsDeclarativeServicesDoes() {
        assertEquals("snapshot.interval.ms", AnnotationConfigurations.keyOf("snapshot_interval_ms"));
        assertEquals("capture_raw", AnnotationConfigurations.keyOf("capture__raw"));
        assertEquals("workers-max", AnnotationConfigurations.keyOf("workers$_$max"));
        assertEquals("a$b", AnnotationConfigurations.keyOf("a$$b"));
        assertEquals("ab", AnnotationConfigurations.keyOf("a$b"));
    }

    @Test
    void givesTheDefaultsWhereTheFileIsSilent() {
        Settings s = AnnotationConfigurations.create(Settings.class, "p", Map.of());
        assertEquals(10_000L, s.snapshot_interval_ms());
        assertEquals("recommend", s.mode());
        assertArrayEquals(new String[] {"jvm"}, s.rulesets());
        assertEquals(4, s.workers$_$max());
    }

    @Test
    void convertsFileValuesToTheElementTypes() {
        Settings s = AnnotationConfigurations.create(Settings.class, "p", Map.of("snapshot.interval.ms", 500,
                "rulesets", List.of("jvm", "pools"), "capture_raw", "true", "tolerance", 1, "workers-max", "16"));
        assertEquals(500L, s.snapshot_interval_ms());
        assertArrayEquals(new String[] {"jvm", "pools"}, s.rulesets());
        assertTrue(s.capture__raw());
        assertEquals(1.0, s.tolerance());
        assertEquals(16, s.workers$_$max());
    }

    @Test
    void aValueThatDoesNotConvertIsRefusedNamingPidKeyAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnnotationConfigurations
                .create(Settings.class, "io.memtune.tuner", Map.of("snapshot.interval.ms", "soon")));
        assertTrue(e.getMessage().contains("io.memtune.tuner"), e.getMessage());
        assertTrue(e.getMessage().contains("snapshot.interval.ms = \"soon\""), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> AnnotationConfigurations.create(Settings.class, "p", Map.of("workers-max", 2.5)));
        assertThrows(IllegalArgumentException.class,
                () -> AnnotationConfigurations.create(Settings.class, "p", Map.of("capture_raw", "yes")));
    }

    @Test
    void arraysHandedOutAreCopies() {
        Settings s = AnnotationConfigurations.create(Settings.class, "p", Map.of());
        s.rulesets()[0] = "changed";
        assertEquals("jvm", s.rulesets()[0]);
    }
}
