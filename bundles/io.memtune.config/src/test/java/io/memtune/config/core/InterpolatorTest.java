package io.memtune.config.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class InterpolatorTest {

    private final Interpolator interpolator = new Interpolator(Map.of("DB_HOST", "db.local")::get,
            Map.of("memtune.port", "9090")::get);

    @Test
    void replacesEnvironmentVariable() {
        Interpolator.Result r = interpolator.interpolate("jdbc://$[env:DB_HOST]/app");
        assertEquals("jdbc://db.local/app", r.value());
        assertEquals(List.of("env:DB_HOST"), r.variables());
    }

    @Test
    void usesDefaultWhenVariableIsUnset() {
        Interpolator.Result r = interpolator.interpolate("$[env:MISSING;default=8080]");
        assertEquals("8080", r.value());
        assertEquals(List.of("env:MISSING (default)"), r.variables());
    }

    @Test
    void readsSystemProperty() {
        assertEquals("9090", interpolator.interpolate("$[sys:memtune.port]").value());
    }

    @Test
    void failsForUnsetVariableWithoutDefaultNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> interpolator.interpolate("$[env:SECRET_TOKEN]"));
        assertTrue(e.getMessage().contains("SECRET_TOKEN"), e.getMessage());
    }

    @Test
    void keepsEscapedPlaceholderLiteral() {
        Interpolator.Result r = interpolator.interpolate("price \\$[env:DB_HOST]");
        assertEquals("price $[env:DB_HOST]", r.value());
        assertTrue(r.variables().isEmpty());
    }

    @Test
    void rejectsMalformedPlaceholder() {
        assertThrows(IllegalArgumentException.class, () -> interpolator.interpolate("$[environment:X]"));
        assertThrows(IllegalArgumentException.class, () -> interpolator.interpolate("$[env:DB_HOST] and $[oops"));
        assertThrows(IllegalArgumentException.class, () -> interpolator.interpolate("$[env:]"));
    }

    @Test
    void leavesPlainTextAlone() {
        Interpolator.Result r = interpolator.interpolate("costs $5 [approx]");
        assertEquals("costs $5 [approx]", r.value());
    }
}
