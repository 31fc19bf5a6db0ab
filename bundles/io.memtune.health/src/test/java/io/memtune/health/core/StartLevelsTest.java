package io.memtune.health.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

class StartLevelsTest {

    @Test
    void startedOnlyOnceTheFrameworkReachedTheLevelItStartsTo() {
        assertFalse(StartLevels.started(Bundle.ACTIVE, 5, 7), "between two levels everything due may be active");
        assertTrue(StartLevels.started(Bundle.ACTIVE, 7, 7));
        assertFalse(StartLevels.started(Bundle.STARTING, 7, 7));
        assertFalse(StartLevels.started(Bundle.STOPPING, 7, 7));
        assertEquals("the framework is starting: start level 5 of 7", StartLevels.describe(Bundle.ACTIVE, 5, 7));
        assertEquals("the framework is stopping (start level 4)", StartLevels.describe(Bundle.STOPPING, 4, 7));
        assertEquals("start level 7 reached", StartLevels.describe(Bundle.ACTIVE, 7, 7));
    }

    @Test
    void aMissingOrBrokenPropertyIsTheDefault() {
        assertEquals(7, StartLevels.parse(" 7 ", 1));
        assertEquals(1, StartLevels.parse(null, 1));
        assertEquals(1, StartLevels.parse("seven", 1));
    }
}
