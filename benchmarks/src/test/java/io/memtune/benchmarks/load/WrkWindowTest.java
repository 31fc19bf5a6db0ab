package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WrkWindowTest {

    @TempDir
    Path dir;

    @Test
    void readsTheScriptsFiguresAndCountsRequestsPerServerCpuSecond() throws IOException {
        String output = "Running 15s test @ http://127.0.0.1:4000\n  1 threads and 64 connections\n"
                + "{\"requests\": 60000, \"duration_us\": 15000000, \"p50_us\": 900, \"p99_us\": 4200, \"non2xx\": 0,"
                + " \"s503\": 0, \"connect\": 0, \"read\": 0, \"write\": 0, \"timeout\": 0}\nRequests/sec: 4000.00\n";
        WrkWindow w = WrkWindow.parse(output, 12.0);
        assertEquals(4000, w.rps(), 1e-9);
        assertEquals(0.8, w.serverCpuShare(), 1e-9);
        assertEquals(5000, w.rpsPerCore(), 1e-9, "60000 requests in 12 CPU-seconds");
        assertEquals(4.2, w.p99Micros() / 1000, 1e-9);
        assertTrue(w.clean());
    }

    @Test
    void aWindowWithErrorResponsesOrSocketErrorsIsNotClean() throws IOException {
        WrkWindow w = WrkWindow.parse("{\"requests\": 10, \"duration_us\": 1000000, \"p50_us\": 1, \"p99_us\": 2, \"non2xx\": 3,"
                + " \"s503\": 3, \"connect\": 0, \"read\": 1, \"write\": 0, \"timeout\": 1}", 1);
        assertFalse(w.clean());
        assertEquals(2, w.socketErrors());
    }

    @Test
    void refusesOutputWithoutTheFigures() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WrkWindow.parse("unable to connect", 1));
        assertTrue(e.getMessage().contains("unable to connect"), e.getMessage());
    }

    @Test
    void pinsWrkAndBuildsItsRequestsWhereTheHostHeaderIsKnown() throws IOException {
        WrkWindow.writeTargets(dir.resolve("targets.tsv"), List.of(new LoadTarget("/render/acme/welcome.html", dir.resolve("b.json"))));
        WrkWindow.writeScripts(dir, dir.resolve("targets.tsv"), 4000);
        String script = Files.readString(dir.resolve("load.lua"));
        assertTrue(script.contains("function init(args)") && script.indexOf("wrk.format") > script.indexOf("function init(args)"));
        assertTrue(script.contains("[\"Host\"] = host") && script.contains("127.0.0.1:4000"), script);
        assertFalse(script.contains("function response("), "wrk counts error statuses itself while measuring");
        assertTrue(Files.readString(dir.resolve("load-counting.lua")).contains("if status == 503"));
        assertEquals("/render/acme/welcome.html\t" + dir.resolve("b.json").toAbsolutePath(),
                Files.readString(dir.resolve("targets.tsv")).strip());
        List<String> line = new WrkWindow.Command("1", 1, dir.resolve("load.lua"), dir.resolve("load-counting.lua"), 4000)
                .line(64, 15, false);
        assertEquals(List.of("taskset", "-c", "1", "wrk", "-t1", "-c64", "-d15s"), line.subList(0, 7));
    }
}
