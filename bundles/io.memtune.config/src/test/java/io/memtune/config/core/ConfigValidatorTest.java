package io.memtune.config.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.memtune.api.config.Problem;
import io.memtune.api.config.Provenance.Source;
import io.memtune.api.config.ValidationReport;

class ConfigValidatorTest {

    /** A schema like the one DS writes for a component with a nested Config annotation. */
    private static final PidSchema POOL = new PidSchema("io.memtune.pool", "io.memtune.pool", Map.of(
            "size", new AttributeSchema("size", ValueType.INTEGER, 0, true, "1", "64", List.of(), List.of("8"), null),
            "mode", new AttributeSchema("mode", ValueType.STRING, 0, true, null, null, List.of("fast", "safe"),
                    List.of("safe"), null),
            "ratio", new AttributeSchema("ratio", ValueType.DOUBLE, 0, true, null, null, List.of(), List.of("0.5"), null),
            "hosts", new AttributeSchema("hosts", ValueType.STRING, 3, true, null, null, List.of(), List.of("a"), null),
            "enabled", new AttributeSchema("enabled", ValueType.BOOLEAN, 0, true, null, null, List.of(), List.of("true"), null),
            "url", new AttributeSchema("url", ValueType.STRING, 0, true, null, null, List.of(), List.of(), null)),
            true);

    private static final ConfigSchema SCHEMA = new ConfigSchema() {
        @Override
        public Optional<PidSchema> find(String pid, String factoryPid) {
            return "io.memtune.pool".equals(pid) || "io.memtune.pool".equals(factoryPid) ? Optional.of(POOL)
                    : Optional.empty();
        }

        @Override
        public boolean knowsAllPids() {
            return true;
        }
    };

    private final ConfigLoader loader = new ConfigLoader(SCHEMA,
            new Interpolator(Map.of("POOL_SIZE", "12", "BAD_SIZE", "twelve", "DB_PASSWORD", "s3cret")::get, k -> null));

    private ValidationOutcome load(String json) {
        return loader.load("dev.json", json.getBytes(UTF_8));
    }

    private static String pool(String properties) {
        return "{\"io.memtune.pool\": {\"url\": \"jdbc:h2:mem\", " + properties + "}}";
    }

    @Test
    void convertsValuesToTheDeclaredTypes() {
        ValidationOutcome o = load(pool("\"size\": 16, \"ratio\": 1, \"enabled\": false, \"hosts\": [\"a\", \"b\"]"));
        assertTrue(o.report().isValid(), o.report().toString());
        Map<String, Object> values = o.configurations().get(0).values();
        assertEquals(16, values.get("size"));
        assertEquals(1.0d, values.get("ratio"));
        assertEquals(false, values.get("enabled"));
        assertArrayEquals(new String[] {"a", "b"}, (String[]) values.get("hosts"));
    }

    @Test
    void rejectsWrongTypeNamingFileLineColumnPidAndKey() {
        ValidationOutcome o = load("{\n\"io.memtune.pool\": {\n  \"url\": \"x\",\n  \"size\": \"big\"\n}}");
        Problem p = o.report().errors().get(0);
        assertEquals("dev.json:4:11: error: io.memtune.pool/size: expected an integer, found a string \"big\"",
                p.toString());
    }

    @Test
    void rejectsValueOutOfRange() {
        ValidationOutcome o = load(pool("\"size\": 65"));
        assertFalse(o.report().isValid());
        assertTrue(o.report().errors().get(0).message().contains("above the maximum 64"), o.report().toString());
    }

    @Test
    void rejectsValueThatFitsNoDeclaredOption() {
        ValidationOutcome o = load(pool("\"mode\": \"turbo\""));
        assertTrue(o.report().errors().get(0).message().contains("not one of [fast, safe]"));
    }

    @Test
    void rejectsIntegerTooLargeForItsType() {
        ValidationOutcome o = load(pool("\"size\": 3000000000"));
        assertFalse(o.report().isValid());
    }

    @Test
    void parsesInterpolatedNumberButNotLiteralString() {
        assertEquals(12, load(pool("\"size\": \"$[env:POOL_SIZE]\"")).configurations().get(0).values().get("size"));
        assertFalse(load(pool("\"size\": \"12\"")).report().isValid());
        ValidationReport bad = load(pool("\"size\": \"$[env:BAD_SIZE]\"")).report();
        assertTrue(bad.errors().get(0).message().contains("twelve"), bad.toString());
    }

    @Test
    void recordsWhereEachValueCameFrom() {
        ValidationOutcome o = load("{\"io.memtune.pool\": {\"url\": \"$[env:DB_HOST;default=h2]\", \"size\": 4}}");
        Map<String, ValidatedValue> properties = o.configurations().get(0).properties();
        assertEquals(Source.INTERPOLATED, properties.get("url").provenance().source());
        assertEquals("env:DB_HOST (default) at dev.json:1:29", properties.get("url").provenance().detail());
        assertEquals(Source.ENVIRONMENT_FILE, properties.get("size").provenance().source());
    }

    @Test
    void marksSecretsByKeyName() {
        ValidationOutcome o = load("{\"other.pid\": {\"db.password\": \"$[env:DB_PASSWORD]\", \"db.user\": \"app\"}}");
        assertTrue(o.configurations().get(0).properties().get("db.password").secret());
        assertFalse(o.configurations().get(0).properties().get("db.user").secret());
    }

    @Test
    void warnsAboutUnknownPidAndUnknownKeyButStaysValid() {
        ValidationOutcome o = load("{\"io.memtune.pol\": {}, \"io.memtune.pool\": {\"url\": \"x\", \"sise\": 3,"
                + " \"metrics.target\": \"(x=y)\"}}");
        assertTrue(o.report().isValid());
        List<Problem> warnings = o.report().warnings();
        assertEquals(2, warnings.size(), warnings.toString());
        assertEquals("io.memtune.pol", warnings.get(0).pid());
        assertEquals("sise", warnings.get(1).key());
    }

    @Test
    void requiresDeclaredPropertyWithoutDefault() {
        ValidationOutcome o = load("{\"io.memtune.pool\": {\"size\": 3}}");
        assertEquals("url", o.report().errors().get(0).key());
    }

    @Test
    void rejectsReservedKeys() {
        ValidationOutcome o = load(pool("\"service.pid\": \"x\""));
        assertTrue(o.report().errors().get(0).message().startsWith("reserved key"));
    }

    @Test
    void wrapsSingleValueForMultiValuedPropertyAndBoundsArrays() {
        assertArrayEquals(new String[] {"a"}, (String[]) load(pool("\"hosts\": \"a\"")).configurations().get(0)
                .values().get("hosts"));
        assertFalse(load(pool("\"hosts\": [\"a\", \"b\", \"c\", \"d\"]")).report().isValid());
        assertFalse(load(pool("\"size\": [1, 2]")).report().isValid());
    }

    @Test
    void keepsJsonTypesWhereNoSchemaIsKnown() {
        ValidationOutcome o = load("{\"third.party\": {\"n\": 5, \"d\": 1.5, \"s\": \"x\", \"l\": [1, 2.5]}}");
        Map<String, Object> values = o.configurations().get(0).values();
        assertEquals(5L, values.get("n"));
        assertEquals(1.5d, values.get("d"));
        assertArrayEquals(new Double[] {1.0, 2.5}, (Double[]) values.get("l"));
        assertFalse(load("{\"third.party\": {\"l\": [1, \"a\"]}}").report().isValid());
        assertFalse(load("{\"third.party\": {\"n\": null}}").report().isValid());
    }

    @Test
    void validatesFactoryConfigurationsAgainstTheirFactoryPid() {
        ValidationOutcome o = load("{\"io.memtune.pool~jdbc\": {\"url\": \"x\", \"size\": 99}}");
        assertFalse(o.report().isValid());
        assertEquals("io.memtune.pool~jdbc", o.report().errors().get(0).pid());
        assertFalse(load("{\"io.memtune.pool~\": {\"url\": \"x\"}}").report().isValid());
    }

    @Test
    void ignoresRequiredPropertiesWhenTheSchemaDoesNotEnforceThem() {
        PidSchema lax = new PidSchema(POOL.pid(), POOL.declaredBy(), POOL.attributes(), false);
        ConfigSchema schema = new ConfigSchema() {
            @Override
            public Optional<PidSchema> find(String pid, String factoryPid) {
                return Optional.of(lax);
            }

            @Override
            public boolean knowsAllPids() {
                return true;
            }
        };
        ValidationOutcome o = new ConfigLoader(schema, Interpolator.ofProcess())
                .load("dev.json", "{\"io.memtune.pool\": {\"size\": 3}}".getBytes(UTF_8));
        assertTrue(o.report().isValid(), o.report().toString());
    }

    @Test
    void digestChangesWithContent() {
        assertEquals(load("{}").digest(), load("{}").digest());
        assertFalse(load("{}").digest().equals(load("{ }").digest()));
    }

    @Test
    void aRejectedSecretIsNotEchoedInItsError() {
        PidSchema db = new PidSchema("io.memtune.db", "io.memtune.db", Map.of("password.max.age", new AttributeSchema(
                "password.max.age", ValueType.INTEGER, 0, true, null, null, List.of(), List.of(), null)), true);
        ConfigSchema schema = new ConfigSchema() {
            @Override
            public Optional<PidSchema> find(String pid, String factoryPid) {
                return "io.memtune.db".equals(pid) ? Optional.of(db) : Optional.empty();
            }

            @Override
            public boolean knowsAllPids() {
                return true;
            }
        };
        ValidationOutcome o = new ConfigLoader(schema, new Interpolator(Map.of("DB_PASSWORD", "s3cret")::get, k -> null))
                .load("prod.json", "{\"io.memtune.db\": {\"password.max.age\": \"$[env:DB_PASSWORD]\"}}".getBytes(UTF_8));
        String error = o.report().errors().get(0).toString();
        assertFalse(error.contains("s3cret"), error);
        assertTrue(error.contains("io.memtune.db/password.max.age") && error.contains("\"****\""), error);
    }

    @Test
    void aValueReadFromASecretVariableOrAUrlWithAPasswordIsSecretWhateverItsKey() {
        ValidationOutcome o = loader.load("prod.json", ("{\"it.extra\": {\"part\": \"$[env:DB_PASSWORD]\","
                + " \"url\": \"jdbc:postgresql://app:hunter2@db:5432/main\", \"plain\": \"http://db:5432/main\"}}")
                .getBytes(UTF_8));
        Map<String, ValidatedValue> values = o.configurations().get(0).properties();
        assertTrue(values.get("part").secret(), "read from DB_PASSWORD");
        assertTrue(values.get("url").secret(), "a URL with a password");
        assertFalse(values.get("plain").secret(), "a URL without one");
    }
}
