package io.memtune.optimizer.core;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.memtune.api.optimizer.TemplateNode;

/**
 * Variable analysis: which names a template and everything it includes can look up (each dotted segment),
 * and which of them can be printed whole. A template that prints {@code {{.}}} can print any map whole, so
 * it needs everything: {@link #of} gives null.
 *
 * @param read every segment of every variable, section and dynamic partial name, and each whole name (a map
 *     key may be {@code "a.b"}: Mustache.java tries it first)
 * @param printed the last segment of every variable name, and each whole variable name
 */
record ContextNeeds(Set<String> read, Set<String> printed) {

    static ContextNeeds of(Collection<List<TemplateNode>> trees) {
        Set<String> read = new HashSet<>();
        Set<String> printed = new HashSet<>();
        for (List<TemplateNode> tree : trees) {
            if (!collect(tree, read, printed, true)) {
                return null;
            }
        }
        return new ContextNeeds(Set.copyOf(read), Set.copyOf(printed));
    }

    /** The names, even where {@code {{.}}} makes the template need everything (for probing what it renders). */
    static ContextNeeds collect(Collection<List<TemplateNode>> trees) {
        Set<String> read = new HashSet<>();
        Set<String> printed = new HashSet<>();
        for (List<TemplateNode> tree : trees) {
            collect(tree, read, printed, false);
        }
        return new ContextNeeds(Set.copyOf(read), Set.copyOf(printed));
    }

    private static boolean collect(List<TemplateNode> nodes, Set<String> read, Set<String> printed, boolean selfNeedsAll) {
        for (TemplateNode node : nodes) {
            if (node instanceof TemplateNode.Variable v) {
                if (v.name().equals(".") && selfNeedsAll) {
                    return false;
                }
                String[] segments = v.name().split("\\.", -1);
                read.addAll(List.of(segments));
                printed.add(segments[segments.length - 1]);
                // a map key may hold the whole dotted name: it is looked up first
                read.add(v.name());
                printed.add(v.name());
            } else if (node instanceof TemplateNode.Section s) {
                read.addAll(List.of(s.name().split("\\.", -1)));
                read.add(s.name());
            } else if (node instanceof TemplateNode.DynamicPartial d) {
                read.addAll(List.of(d.name().split("\\.", -1)));
                read.add(d.name());
            }
            if (node instanceof TemplateNode.Parent p) {
                for (TemplateNode.Block b : p.blocks()) {
                    if (!collect(b.body(), read, printed, selfNeedsAll)) {
                        return false;
                    }
                }
            } else if (!collect(TemplateNode.children(node), read, printed, selfNeedsAll)) {
                return false;
            }
        }
        return true;
    }
}
