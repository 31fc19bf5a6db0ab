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
            TemplateNode rewritten = TemplateNode.withBodies(node, this::rewrite);
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
}
