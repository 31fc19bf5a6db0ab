package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class JsonObjectTest {

    @Test
    void aNameReadTwiceKeepsItsFirstPlaceAndItsLastValueAsJacksonsMapDoes() {
        JsonObject object = new JsonObject();
        object.put("a", 1);
        object.put("b", null);
        object.put("a", 3);
        assertEquals(List.of("a", "b"), new ArrayList<>(object.keySet()));
        assertEquals(3, object.get("a"));
        assertTrue(object.containsKey("b"));
        assertNull(object.get("b"));
        assertFalse(object.containsKey("c"));
        assertEquals("{a=3, b=null}", object.toString());
    }

    @Test
    void findsANameByEqualityWhenItIsNotTheSameString() {
        JsonObject small = new JsonObject();
        JsonObject large = new JsonObject();
        for (int i = 0; i < 3 * JsonObject.SCAN_LIMIT; i++) {
            large.put("name" + i, i);
            if (i < JsonObject.SCAN_LIMIT) {
                small.put("name" + i, i);
            }
        }
        assertEquals(5, small.get(new String("name5".toCharArray())));
        assertEquals(20, large.get(new String("name20".toCharArray())));
        assertNull(large.get(42));
    }

    @Test
    void tellsNamesWithTheSameHashApartOnEitherSideOfTheScanLimit() {
        assertEquals("Aa".hashCode(), "BB".hashCode());
        for (int others : new int[] {0, 3 * JsonObject.SCAN_LIMIT}) {
            JsonObject object = new JsonObject();
            for (int i = 0; i < others; i++) {
                object.put("name" + i, i);
            }
            object.put("Aa", 1);
            assertEquals(1, object.get("Aa"));
            assertNull(object.get("BB"));
            assertFalse(object.containsKey("BB"));
            object.put("BB", 2);
            assertEquals(1, object.get("Aa"));
            assertEquals(2, object.get(new String("BB".toCharArray())));
        }
    }

    @Test
    void tellsANullValueFromAMissingNameInOneLookUp() {
        Object missing = new Object();
        for (int others : new int[] {0, 3 * JsonObject.SCAN_LIMIT}) {
            JsonObject object = new JsonObject();
            for (int i = 0; i < others; i++) {
                object.put("name" + i, i);
            }
            object.put("nothing", null);
            object.put("one", 1);
            assertNull(object.getOrDefault("nothing", missing));
            assertEquals(1, object.getOrDefault("one", missing));
            assertEquals(missing, object.getOrDefault("none", missing));
            assertEquals(missing, object.getOrDefault(42, missing));
        }
    }

    @Test
    void behavesAsALinkedHashMapThroughRandomEditsOnEitherSideOfTheScanLimit() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            JsonObject object = new JsonObject();
            Map<String, Object> expected = new LinkedHashMap<>();
            int names = 1 + random.nextInt(4 * JsonObject.SCAN_LIMIT);
            for (int step = 0; step < 300; step++) {
                String name = "k" + random.nextInt(names);
                switch (random.nextInt(6)) {
                    case 0, 1, 2 -> {
                        Object value = random.nextInt(10) == 0 ? null : step;
                        assertEquals(expected.put(name, value), object.put(name, value), name);
                    }
                    case 3 -> assertEquals(expected.remove(name), object.remove(name), name);
                    case 4 -> {
                        Iterator<Map.Entry<String, Object>> mine = object.entrySet().iterator();
                        Iterator<Map.Entry<String, Object>> theirs = expected.entrySet().iterator();
                        while (mine.hasNext()) {
                            Map.Entry<String, Object> entry = mine.next();
                            theirs.next();
                            if (entry.getKey().equals(name)) {
                                mine.remove();
                                theirs.remove();
                            }
                        }
                    }
                    default -> {
                        for (Map.Entry<String, Object> entry : object.entrySet()) {
                            if (entry.getKey().equals(name)) {
                                entry.setValue(-step);
                                expected.put(name, -step);
                            }
                        }
                    }
                }
                assertEquals(expected.containsKey(name), object.containsKey(name), name);
                assertEquals(expected.get(name), object.get(name), name);
                assertEquals(expected.getOrDefault(name, "missing"), object.getOrDefault(name, "missing"), name);
            }
            assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(object.keySet()));
            assertEquals(expected.toString(), object.toString());
            assertEquals(expected, object);
            assertEquals(object, expected);
            assertEquals(expected.hashCode(), object.hashCode());
            object.clear();
            assertTrue(object.isEmpty());
            assertNull(object.get("k0"));
        }
    }
}
