package io.memtune.optimizer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.memtune.api.template.CompiledTemplate;

class StructuralSharingTest {

    private final CompactEngine engine = CompactEngineSpecTest.allOn();

    private static final String LAYOUT = "<html>{{$title}}-{{/title}}{{>header}}{{#items}}{{$row}}{{name}}{{/row}}{{/items}}</html>";

    private CompactTemplate compile(String tenant, String name, Map<String, String> files) {
        return (CompactTemplate) engine.compile(Sources.of(tenant, name, files));
    }

    private static String render(CompiledTemplate t, Map<String, Object> context) throws IOException {
        StringWriter out = new StringWriter();
        t.execute(context, out);
        return out.toString();
    }

    private static PartialNode firstPartial(Object[] body) {
        for (Object o : body) {
            if (o instanceof PartialNode p) {
                return p;
            }
        }
        throw new AssertionError("no partial");
    }

    @Test
    void aLayoutIsCompiledOnceForAllTenantsAndChildrenCarryOnlyTheirBlocks() throws IOException {
        Map<String, String> files = Map.of("layout", LAYOUT, "header", "<h1>{{brand}}</h1>",
                "page", "{{<layout}}{{$title}}Hello{{/title}}{{/layout}}");
        CompactTemplate acme = compile("acme", "page", files);
        CompactTemplate globex = compile("globex", "page", files);
        assertSame(acme.root, globex.root, "identical pages of two tenants are one fragment");
        CompactTemplate other = compile("acme", "other", Map.of("layout", LAYOUT, "header", "<h1>{{brand}}</h1>",
                "other", "{{<layout}}{{$row}}[{{name}}]{{/row}}{{/layout}}"));
        ParentNode a = (ParentNode) acme.root.body[0];
        ParentNode b = (ParentNode) other.root.body[0];
        assertSame(a.parent, b.parent, "the layout is shared by both children");
        assertEquals("<html>Hello<h1>X</h1>ab</html>", render(acme, Map.of("brand", "X", "items",
                java.util.List.of(Map.of("name", "a"), Map.of("name", "b")))));
        assertEquals("<html>-<h1>X</h1>[a]</html>", render(other, Map.of("brand", "X", "items",
                java.util.List.of(Map.of("name", "a")))));
    }

    @Test
    void textThatSpellsLikeMarkupNeverSharesAFragmentWithTheMarkup() throws IOException {
        CompactTemplate tag = compile("acme", "p", Map.of("p", "a{{secret}}b"));
        CompactTemplate text = compile("evil", "p", Map.of("p", "a], Variable[name=secret, escaped=true], Text[text=b"));
        assertNotSame(tag.root, text.root);
        assertEquals("a], Variable[name=secret, escaped=true], Text[text=b", render(text, Map.of("secret", "S")));
        assertEquals("aSb", render(tag, Map.of("secret", "S")));
    }

    @Test
    void aPartialResolvingDifferentlyPerTenantIsNotShared() {
        CompactTemplate acme = compile("acme", "page", Map.of("page", "{{>box}}", "box", "[{{>inner}}]", "inner", "acme"));
        CompactTemplate globex = compile("globex", "page", Map.of("page", "{{>box}}", "box", "[{{>inner}}]", "inner", "globex"));
        assertNotSame(firstPartial(acme.root.body).target, firstPartial(globex.root.body).target,
                "same text, different inner partial: different fragments");
    }

    @Test
    void editingASharedPartialChangesEveryTemplateThatUsesItAndNoOther() throws IOException {
        Map<String, String> v1 = Map.of("a", "A{{>footer}}", "b", "B{{>footer}}", "c", "C{{>other}}", "footer", "(v1)",
                "other", "(o)");
        Map<String, String> v2 = Map.of("a", "A{{>footer}}", "b", "B{{>footer}}", "c", "C{{>other}}", "footer", "(v2)",
                "other", "(o)");
        CompactTemplate c1 = compile("t", "c", v1);
        assertEquals("A(v1)", render(compile("t", "a", v1), Map.of()));
        // the template service recompiles the templates whose closure holds the changed file
        assertEquals("A(v2)", render(compile("t", "a", v2), Map.of()));
        assertEquals("B(v2)", render(compile("t", "b", v2), Map.of()));
        CompactTemplate c2 = compile("t", "c", v2);
        assertSame(c1.root, c2.root, "a template that does not include the partial is the same fragment");
        assertEquals("C(o)", render(c2, Map.of()));
    }

    @Test
    void aRecursivePartialRendersTreesWithoutSharing() throws IOException {
        Map<String, String> files = Map.of("tree", "<ul>{{>node}}</ul>", "node", "<li>{{name}}{{#kids}}{{>node}}{{/kids}}</li>");
        CompactTemplate tree = compile("t", "tree", files);
        // a leaf says it has no kids: else the look-up falls back to its parent's kids, as in any Mustache
        Map<String, Object> d = Map.of("name", "d", "kids", java.util.List.of());
        Map<String, Object> b = Map.of("name", "b", "kids", java.util.List.of());
        assertEquals("<ul><li>a<li>b</li><li>c<li>d</li></li></li></ul>", render(tree, Map.of("name", "a", "kids",
                java.util.List.of(b, Map.of("name", "c", "kids", java.util.List.of(d))))));
        assertNotSame(tree.root, compile("t", "tree", files).root, "texts on a cycle are compiled per template");
    }

    @Test
    void aMapKeyHoldingTheWholeDottedNameSurvivesThePrunedRead() throws IOException {
        // Mustache.java looks the whole name up first: {"a.b": "x"} renders x for {{a.b}}
        CompactTemplate t = compile("t", "d", Map.of("d", "[{{a.b}}]{{#c.d}}!{{/c.d}}"));
        Map<String, Object> context = new io.memtune.template.core.JsonContexts(100).readObject(new java.io.ByteArrayInputStream(
                "{\"a.b\": \"x\", \"c.d\": true, \"unused\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                t.readNames(), t.printedNames());
        assertEquals(Map.of("a.b", "x", "c.d", true), context);
        assertEquals("[x]!", render(t, context));
    }

    @Test
    void theRecursionLimitCountsRecursivePartialsOnlyAsMustacheJavaDoes() throws IOException {
        // node -> children -> node: Mustache.java counts one level per node, not two
        Map<String, String> files = Map.of("page", "{{>node}}", "node", "{{#kids}}{{>children}}{{/kids}}",
                "children", "({{>node}})");
        Map<String, Object> deep = Map.of("kids", List.of());
        for (int i = 0; i < 80; i++) {
            deep = Map.of("kids", List.of(deep));
        }
        CompactTemplate page = compile("t", "page", files);
        String ours = render(page, deep);
        assertEquals("(".repeat(80) + ")".repeat(80), ours, "80 levels: within Mustache.java's 100");
        com.github.mustachejava.DefaultMustacheFactory stock = new com.github.mustachejava.DefaultMustacheFactory(
                n -> new java.io.StringReader(files.get(n.replace(".mustache", ""))));
        StringWriter out = new StringWriter();
        stock.compile(new java.io.StringReader(files.get("page")), "page.mustache").execute(out, deep).flush();
        assertEquals(out.toString(), ours);
    }

    @Test
    void theContextNeedsOfATemplateNameEverySegmentAndThePrintedOnes() {
        CompactTemplate t = compile("t", "p", Map.of("p", "{{#user}}{{address.city}}{{/user}}{{>f}}", "f", "{{{note}}}"));
        assertEquals(Set.of("user", "address", "city", "address.city", "note"), t.readNames());
        assertEquals(Set.of("city", "address.city", "note"), t.printedNames());
        CompactTemplate items = compile("t", "q", Map.of("q", "{{#items}}{{>item}}{{/items}}", "item", "<{{.}}>"));
        assertTrue(items.printedNames().contains("items"), "{{.}} in a section prints its value whole: " + items.printedNames());
        assertEquals(null, compile("t", "r", Map.of("r", "{{>whole}}", "whole", "{{.}}")).readNames(),
                "{{.}} outside every section can print the whole context: everything is needed");
        assertEquals(null, compile("t", "s", Map.of("s", "{{^flag}}{{.}}{{/flag}}")).readNames(),
                "an inverted section pushes nothing: its {{.}} is the context");
        assertTrue(t.estimatedBytes() > 0);
    }
}
