package io.memtune.launcher.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

class TemplateAnalyzerTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws IOException {
        return TemplateAnalyzer.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportsWhatTheOptimizerSavesOnTheSampleCorpusAsJson() throws IOException {
        assertEquals(0, run("src/main/dist/templates", "--json"), err.toString());
        Map<String, Object> result = new ObjectMapper().readValue(out.toString(StandardCharsets.UTF_8), Map.class);
        Map<String, Object> report = (Map<String, Object>) result.get("report");
        assertEquals(120, report.get("templates"), "20 tenants of 6 pages");
        long baseline = ((Number) report.get("baselineBytes")).longValue();
        long optimized = ((Number) report.get("optimizedBytes")).longValue();
        assertTrue(optimized > 0 && optimized < baseline / 4, report.toString());
        assertEquals(List.of(), result.get("errors"));
    }

    @Test
    void aTemplateThatDoesNotCompileIsNamedAndTheRestIsReported(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("acme"));
        Files.writeString(dir.resolve("acme/good.mustache"), "Hello {{name}}");
        Files.writeString(dir.resolve("acme/bad.mustache"), "line one\n{{#open}}never closed");
        assertEquals(1, run(dir.toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("1 pages compiled"), text);
        assertTrue(text.contains("1 templates did not compile") && text.contains("acme/bad"), text);
    }

    @Test
    void aWrongCommandLineSaysWhatWasWrong() throws IOException {
        assertEquals(2, run("/no/such/dir"));
        assertTrue(err.toString().contains("not a directory: /no/such/dir"), err.toString());
        assertEquals(2, run("a", "b"));
        assertTrue(err.toString().contains("unexpected argument 'b'"), err.toString());
    }
}
