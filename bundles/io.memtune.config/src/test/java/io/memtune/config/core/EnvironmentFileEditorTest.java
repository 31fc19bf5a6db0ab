package io.memtune.config.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EnvironmentFileEditorTest {

    private static final String FILE = "// dev settings\n{\n  \"a.pid\": {\n    \"size\": 8, // workers\n    \"name\": \"x\"\n  },\n"
            + "  \"b.pid\": {}\n}\n";

    @Test
    void replacesOnlyTheValueKeepingCommentsAndLayout() {
        EnvironmentFileEditor.Edit edit = EnvironmentFileEditor.set("dev.json", FILE, "a.pid", "size", 16);
        assertEquals(FILE.replace("\"size\": 8,", "\"size\": 16,"), edit.content());
        assertEquals("--- dev.json (line 4)\n-    \"size\": 8, // workers\n+    \"size\": 16, // workers", edit.diff());
    }

    @Test
    void addsAMissingKeyAndAMissingPid() {
        String withKey = EnvironmentFileEditor.set("dev.json", FILE, "b.pid", "on", true).content();
        assertTrue(withKey.contains("\"b.pid\": {\n    \"on\": true\n  }"), withKey);
        assertEquals(true, new ConfigParser().parse("dev.json", withKey.getBytes()).document().pids().get("b.pid")
                .properties().get("on").json().booleanValue());
        String withPid = EnvironmentFileEditor.set("dev.json", FILE, "c.pid~x", "max", 3).content();
        assertEquals(3, new ConfigParser().parse("dev.json", withPid.getBytes()).document().pids().get("c.pid~x")
                .properties().get("max").json().intValue());
        assertTrue(withPid.startsWith("// dev settings"), "comments stay");
    }

    @Test
    void replacesAStringValueWholeInAnInlineObject() {
        String before = "{\n  // kept\n  \"io.memtune.shell.log\": {\"level\": \"WARN\"},\n  \"x\": {\"y\": 1}\n}\n";
        EnvironmentFileEditor.Edit edit = EnvironmentFileEditor.set("it.json", before, "io.memtune.shell.log", "level", "ERROR");
        assertEquals(before.replace("\"WARN\"", "\"ERROR\""), edit.content());
    }
}
