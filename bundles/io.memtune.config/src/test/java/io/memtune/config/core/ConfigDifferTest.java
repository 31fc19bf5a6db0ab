package io.memtune.config.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.memtune.api.config.ConfigDiff;
import io.memtune.api.config.EffectiveProperty;

class ConfigDifferTest {

    private static ConfigDocument doc(String name, String json) {
        return new ConfigParser().parse(name, json.getBytes(UTF_8)).document();
    }

    @Test
    void listsChangedAddedAndRemovedPropertiesSorted() {
        ConfigDocument dev = doc("dev.json", "{\"b\": {\"x\": 1, \"same\": true}, \"a\": {\"only.dev\": \"y\"}}");
        ConfigDocument prod = doc("prod.json", "{\"b\": {\"x\": 2, \"same\": true, \"only.prod\": [1]}}");
        ConfigDiff diff = ConfigDiffer.diff("dev", dev, "prod", prod);
        assertEquals(List.of(
                new ConfigDiff.Entry("a", "only.dev", "\"y\"", null),
                new ConfigDiff.Entry("b", "only.prod", null, "[1]"),
                new ConfigDiff.Entry("b", "x", "1", "2")), diff.entries());
    }

    @Test
    void masksSecretValuesButShowsThatTheyDiffer() {
        ConfigDiff diff = ConfigDiffer.diff("dev", doc("dev.json", "{\"p\": {\"api.token\": \"a\"}}"),
                "prod", doc("prod.json", "{\"p\": {\"api.token\": \"b\"}}"));
        assertEquals(new ConfigDiff.Entry("p", "api.token", EffectiveProperty.MASK, EffectiveProperty.MASK),
                diff.entries().get(0));
    }

    @Test
    void masksAUrlWithAPasswordWhateverItsKey() {
        ConfigDiff diff = ConfigDiffer.diff("dev", doc("dev.json", "{\"p\": {\"url\": \"jdbc:h2:mem:main\"}}"),
                "prod", doc("prod.json", "{\"p\": {\"url\": \"jdbc:postgresql://app:hunter2@db/main\"}}"));
        assertEquals(new ConfigDiff.Entry("p", "url", EffectiveProperty.MASK, EffectiveProperty.MASK), diff.entries().get(0));
    }
}
