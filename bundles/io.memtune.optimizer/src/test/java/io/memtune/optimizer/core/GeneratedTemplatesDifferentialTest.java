package io.memtune.optimizer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;


/**
 * Generated template trees (shared partials, nested layouts, blocks in sections and partials) rendered
 * against generated contexts: the optimizer's engine, one instance for all of them so that shared fragments
 * meet templates they were not compiled for, and stock Mustache.java give the same output or both fail.
 */
class GeneratedTemplatesDifferentialTest {

    private static final int SEEDS = 400;
    private static final int PAGES = 4;
    private static final int CONTEXTS = 3;

    private final CompactEngine engine = CompactEngineSpecTest.allOn();

    @Test
    void optimizedOutputEqualsMustacheJavaForGeneratedTemplates() {
        int rendered = 0;
        int failedAlike = 0;
        for (long s = 0; s < SEEDS; s++) {
            long seed = s;
            RandomTemplates t = new RandomTemplates(seed);
            for (int p = 0; p < PAGES; p++) {
                String page = t.page();
                for (int c = 0; c < CONTEXTS; c++) {
                    Map<String, Object> context = t.context();
                    String stock = stock(page, t.includes, context);
                    String ours = ours("t" + seed % 7, page, t.includes, context);
                    assertEquals(stock, ours, () -> "seed " + seed + ", page:\n" + page + "\nincludes: " + t.includes
                            + "\ncontext: " + context);
                    if (stock.startsWith("failed")) {
                        failedAlike++;
                    } else {
                        rendered++;
                    }
                }
            }
        }
        System.out.printf("generated templates: %d renders equal, %d failed alike%n", rendered, failedAlike);
        assertTrue(rendered > SEEDS * PAGES * CONTEXTS * 3 / 4, "most generated cases must render: " + rendered);
    }

    /**
     * The same with the request's JSON as the endpoint reads it: stock Mustache.java renders the whole context as
     * Jackson reads it, the optimizer the context pruned to the names its compiled template says it can reach.
     */
    @Test
    void optimizedOutputOverPrunedJsonEqualsMustacheJavaOverTheWholeJson() throws IOException {
        io.memtune.template.core.JsonContexts contexts = new io.memtune.template.core.JsonContexts(100);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        int pruned = 0;
        for (long s = 0; s < SEEDS; s++) {
            long seed = s;
            RandomTemplates t = new RandomTemplates(seed);
            for (int p = 0; p < PAGES; p++) {
                String page = t.page();
                Map<String, String> files = new java.util.HashMap<>(t.includes);
                files.put("page", page);
                io.memtune.api.template.CompiledTemplate compiled;
                try {
                    compiled = engine.compile(Sources.of("t" + seed % 7, "page", files));
                } catch (RuntimeException | StackOverflowError e) {
                    continue; // compile failures are the other test's business
                }
                for (int c = 0; c < CONTEXTS; c++) {
                    byte[] body = json.writeValueAsBytes(t.context());
                    Map<String, Object> whole = contexts.readObject(new java.io.ByteArrayInputStream(body));
                    Map<String, Object> read = contexts.readObject(new java.io.ByteArrayInputStream(body),
                            compiled.readNames(), compiled.printedNames(), compiled.scopePrintingSections());
                    if (!read.equals(whole)) {
                        pruned++;
                    }
                    String stock = stock(page, t.includes, whole);
                    String ours;
                    try {
                        StringWriter out = new StringWriter();
                        compiled.execute(read, out);
                        ours = out.toString();
                    } catch (RuntimeException | StackOverflowError e) {
                        ours = "failed";
                    }
                    assertEquals(stock, ours, () -> "seed " + seed + ", page:\n" + page + "\nincludes: " + t.includes
                            + "\ncontext: " + whole + "\nread: " + read);
                }
            }
        }
        System.out.printf("pruned JSON: %d contexts read smaller than whole%n", pruned);
        assertTrue(pruned > SEEDS, "the pruned read must prune in most cases for this test to mean something: " + pruned);
    }

    /** Stock Mustache.java: a factory per page, as a user would compile it. */
    private static String stock(String page, Map<String, String> includes, Map<String, Object> context) {
        try {
            DefaultMustacheFactory factory = new DefaultMustacheFactory(name -> {
                String text = includes.get(name.replace(".mustache", ""));
                return text == null ? null : new StringReader(text);
            });
            Mustache mustache = factory.compile(new StringReader(page), "page.mustache");
            StringWriter out = new StringWriter();
            mustache.execute(out, context).flush();
            return out.toString();
        } catch (RuntimeException | IOException | StackOverflowError e) {
            return "failed";
        }
    }

    private String ours(String tenant, String page, Map<String, String> includes, Map<String, Object> context) {
        try {
            StringWriter out = new StringWriter();
            Map<String, String> files = new java.util.HashMap<>(includes);
            files.put("page", page);
            engine.compile(Sources.of(tenant, "page", files)).execute(context, out);
            return out.toString();
        } catch (RuntimeException | IOException | StackOverflowError e) {
            return "failed";
        }
    }
}
