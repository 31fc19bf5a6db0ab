package io.memtune.api.optimizer;

import java.util.List;

/**
 * One element of a parsed template, as optimization passes see it. Mustache.java's own parser produces it
 * (same delimiters, same standalone-line rules), so a tree renders exactly what Mustache.java renders from
 * the text; comments and set-delimiter tags are already gone.
 */
public sealed interface TemplateNode {

    /** Literal text. */
    record Text(String text) implements TemplateNode {
    }

    /** {@code {{name}}} (escaped) or {@code {{{name}}}} / {@code {{&name}}} (not escaped). */
    record Variable(String name, boolean escaped) implements TemplateNode {
    }

    /** {@code {{#name}}...{{/name}}}, or {@code {{^name}}...{{/name}}} when inverted. */
    record Section(String name, boolean inverted, List<TemplateNode> body) implements TemplateNode {
        public Section {
            body = List.copyOf(body);
        }
    }

    /** {@code {{>name}}}: the partial's text rendered in the current context. */
    record Partial(String name) implements TemplateNode {
    }

    /** {@code {{<name}}...{{/name}}}: the parent rendered with these blocks replacing its own. */
    record Parent(String name, List<Block> blocks) implements TemplateNode {
        public Parent {
            blocks = List.copyOf(blocks);
        }
    }

    /**
     * {@code {{$name}}...{{/name}}}: a block, its body the default; {@code {{?name}}} ({@code conditional}) renders
     * its own body only where every enclosing parent's child replaces {@code name} (a Mustache.java extension).
     */
    record Block(String name, List<TemplateNode> body, boolean conditional) implements TemplateNode {
        public Block {
            body = List.copyOf(body);
        }
    }

    /** {@code {{>*name}}}: a partial whose name is looked up in the context at render time. */
    record DynamicPartial(String name) implements TemplateNode {
    }

    /**
     * The node with its bodies rewritten (a section's, a block's, each block of a parent), for passes that
     * rewrite at every depth; the node itself when {@code rewrite} returns every body unchanged (the same list).
     */
    static TemplateNode withBodies(TemplateNode node, java.util.function.UnaryOperator<List<TemplateNode>> rewrite) {
        if (node instanceof Section s) {
            List<TemplateNode> body = rewrite.apply(s.body());
            return body == s.body() ? s : new Section(s.name(), s.inverted(), body);
        }
        if (node instanceof Block b) {
            List<TemplateNode> body = rewrite.apply(b.body());
            return body == b.body() ? b : new Block(b.name(), body, b.conditional());
        }
        if (node instanceof Parent p) {
            List<Block> blocks = new java.util.ArrayList<>(p.blocks().size());
            boolean changed = false;
            for (Block b : p.blocks()) {
                Block r = (Block) withBodies(b, rewrite);
                changed |= r != b;
                blocks.add(r);
            }
            return changed ? new Parent(p.name(), blocks) : p;
        }
        return node;
    }

    /** The tree as it nests, for passes that walk it. */
    static List<TemplateNode> children(TemplateNode node) {
        if (node instanceof Section s) {
            return s.body();
        }
        if (node instanceof Block b) {
            return b.body();
        }
        if (node instanceof Parent p) {
            return List.copyOf(p.blocks());
        }
        return List.of();
    }
}
