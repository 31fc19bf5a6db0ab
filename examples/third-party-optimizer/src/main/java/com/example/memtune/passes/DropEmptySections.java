package com.example.memtune.passes;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.memtune.api.optimizer.OptimizationPass;
import io.memtune.api.optimizer.TemplateNode;

/**
 * Drops {@code {{#name}}{{/name}}} and {@code {{^name}}{{/name}}} with nothing inside: they render nothing
 * whatever the data, and each costs a node. Deterministic, stateless (so thread-safe), and it never changes
 * what a template renders: the contract of a pass.
 *
 * <p>The same class serves both ways: {@code @Component} registers it as a service when the jar is a bundle
 * in memtune's container; {@code META-INF/services} lets {@code java.util.ServiceLoader} find it anywhere else.
 * ServiceLoader needs a public no-argument constructor, which DS is content with too.
 */
@Component(service = OptimizationPass.class)
public final class DropEmptySections implements OptimizationPass {

    @Override
    public String name() {
        return "drop-empty-sections";
    }

    @Override
    public List<TemplateNode> rewrite(List<TemplateNode> tree) {
        List<TemplateNode> out = new ArrayList<>(tree.size());
        boolean changed = false;
        for (TemplateNode node : tree) {
            TemplateNode kept = TemplateNode.withBodies(node, this::rewrite);
            if (kept instanceof TemplateNode.Section s && s.body().isEmpty()) {
                changed = true;
                continue;
            }
            changed |= kept != node;
            out.add(kept);
        }
        return changed ? out : tree;
    }
}
