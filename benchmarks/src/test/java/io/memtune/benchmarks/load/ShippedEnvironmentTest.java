package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ShippedEnvironmentTest {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

    @Test
    void changesOnlyTheModeAndThePortOfTheShippedFile() throws IOException {
        String shipped = Files.readString(Path.of("../config/environments/dev.json"));
        ObjectNode derived = (ObjectNode) JSON.readTree(ShippedEnvironment.derive(shipped, "baseline", 41234));
        assertEquals("baseline", derived.path("io.memtune.template").path("mode").asText());
        assertEquals(41234, derived.path("org.apache.felix.http").path("org.osgi.service.http.port").asInt());
        ObjectNode expected = (ObjectNode) JSON.readTree(shipped);
        ((ObjectNode) expected.get("io.memtune.template")).put("mode", "baseline");
        ((ObjectNode) expected.get("org.apache.felix.http")).put("org.osgi.service.http.port", 41234);
        assertEquals(expected, derived, "the render executor and everything else as shipped");
        assertTrue(derived.has("io.memtune.concurrency.executor~render"));
    }

    @Test
    void refusesAFileWithoutTheTemplateServiceNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShippedEnvironment.derive("{\"org.apache.felix.http\": {}}", "optimized", 1));
        assertTrue(e.getMessage().contains("io.memtune.template"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ShippedEnvironment.derive("{ not json", "optimized", 1));
    }

    @Test
    void anUntimedContainerStartsWithoutItsWarmUpAndOtherwiseAsDerived() throws IOException {
        String derived = ShippedEnvironment.derive(Files.readString(Path.of("../config/environments/dev.json")), "optimized", 41234);
        ObjectNode cold = (ObjectNode) JSON.readTree(ShippedEnvironment.withoutWarmUp(derived));
        assertEquals(0, cold.path("io.memtune.http.warmup").path("warmup.seconds").asInt(-1));
        cold.remove("io.memtune.http.warmup");
        assertEquals(JSON.readTree(derived), cold, "nothing else changed");
    }
}
