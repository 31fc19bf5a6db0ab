package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

import io.memtune.api.template.CompiledTemplate;

/**
 * The cache weighs compiled templates by {@link TemplateSizeEstimator}; here the estimate is held against
 * what JOL measures by walking the real object graph, for templates small and large, text-heavy and
 * tag-heavy.
 */
class TemplateSizeEstimatorTest {

    private static CompiledTemplate compile(String name, Map<String, String> texts) {
        Map<String, String> origins = new LinkedHashMap<>();
        texts.keySet().forEach(k -> origins.put(k, "acme"));
        return new MustacheJavaEngine().compile(new TemplateClosure("acme", name, texts, origins));
    }

    private static void within(double low, double high, CompiledTemplate compiled, String what) {
        long measured = GraphLayout.parseInstance(compiled).totalSize();
        double ratio = (double) compiled.estimatedBytes() / measured;
        System.out.printf("%s: estimated %d B, JOL %d B, ratio %.2f%n", what, compiled.estimatedBytes(), measured, ratio);
        assertTrue(ratio >= low && ratio <= high, what + ": estimate/measured = " + ratio);
    }

    @Test
    void estimateIsWithinAFactorOfTwoOfJolForTagHeavyTemplates() {
        StringBuilder page = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            page.append("<tr><td>{{name").append(i % 7).append("}}</td><td>{{#flag}}yes{{/flag}}</td></tr>\n");
        }
        within(0.5, 2.0, compile("table", Map.of("table", page.toString())), "200-row table");
    }

    @Test
    void estimateIsWithinAFactorOfTwoOfJolForTextHeavyTemplatesWithPartials() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("page", "{{>header}}\n" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(200)
                + "{{name}}\n{{>footer}}");
        texts.put("header", "<header>{{brand}}</header>\n".repeat(5));
        texts.put("footer", "<footer>{{year}}</footer>");
        within(0.5, 2.0, compile("page", texts), "text page with partials");
    }
}
