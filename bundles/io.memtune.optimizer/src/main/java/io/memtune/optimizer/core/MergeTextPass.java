package io.memtune.optimizer.core;

import java.util.ArrayList;
import java.util.List;

import io.memtune.api.optimizer.OptimizationPass;
import io.memtune.api.optimizer.TemplateNode;

/**
 * Joins adjacent text nodes (the parser cuts text at every comment, pragma and delimiter change) and drops
 * empty ones: fewer, longer segments, one object each.
 */
public final class MergeTextPass implements OptimizationPass {

    @Override
    public String name() {
        return "merge-text";
    }

    @Override
    public List<TemplateNode> rewrite(List<TemplateNode> tree) {
        List<TemplateNode> out = new ArrayList<>(tree.size());
        boolean changed = false;
        for (TemplateNode node : tree) {
            TemplateNode rewritten = children(node);
            changed |= rewritten != node;
            int last = out.size() - 1;
            if (rewritten instanceof TemplateNode.Text t && t.text().isEmpty()) {
                changed = true;
            } else if (rewritten instanceof TemplateNode.Text t && last >= 0 && out.get(last) instanceof TemplateNode.Text before) {
                out.set(last, new TemplateNode.Text(before.text() + t.text()));
                changed = true;
            } else {
                out.add(rewritten);
            }
        }
        return changed ? List.copyOf(out) : tree;
    }

    private TemplateNode children(TemplateNode node) {
        if (node instanceof TemplateNode.Section s) {
            List<TemplateNode> body = rewrite(s.body());
            return body == s.body() ? s : new TemplateNode.Section(s.name(), s.inverted(), body);
        }
        if (node instanceof TemplateNode.Block b) {
            List<TemplateNode> body = rewrite(b.body());
            return body == b.body() ? b : new TemplateNode.Block(b.name(), body, b.conditional());
        }
        if (node instanceof TemplateNode.Parent p) {
            List<TemplateNode.Block> blocks = new ArrayList<>();
            boolean changed = false;
            for (TemplateNode.Block b : p.blocks()) {
                TemplateNode.Block r = (TemplateNode.Block) children(b);
                changed |= r != b;
                blocks.add(r);
            }
            return changed ? new TemplateNode.Parent(p.name(), blocks) : p;
        }
        return node;
    }
}
