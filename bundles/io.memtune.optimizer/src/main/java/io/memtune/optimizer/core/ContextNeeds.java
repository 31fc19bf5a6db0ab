package io.memtune.optimizer.core;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.memtune.api.optimizer.TemplateNode;

/**
 * Variable analysis: which names a template and everything it includes can look up (each dotted segment),
 * and which of them can be printed whole. A template that prints {@code {{.}}} outside every section can print the
 * whole context, so it needs everything: {@link #of} gives null.
 *
 * @param read every segment of every variable, section and dynamic partial name, and each whole name (a map
 *     key may be {@code "a.b"}: Mustache.java tries it first)
 * @param printed the last segment of every variable name, and each whole variable name
 * @param scopePrinting the sections whose bodies print {@code {{.}}} (also in {@code printed})
 */
record ContextNeeds(Set<String> read, Set<String> printed, Set<String> scopePrinting) {

    /**
     * What the page {@code root} and what it includes can look up; null when it can print the whole context: a
     * {@code {{.}}} outside every section (of the page, or of a partial or parent included outside every section).
     * A {@code {{.}}} inside a section prints the value of the innermost section around it that pushes one (an
     * inverted section pushes none), so that section's name counts as printed: its value is read whole; and, as a
     * null element of its list pushes nothing, it is also {@code scopePrinting} (such a list makes the context read
     * whole).
     *
     * @param trees the page and everything it includes, by name
     */
    static ContextNeeds of(String root, Map<String, List<TemplateNode>> trees) {
        Set<String> read = new HashSet<>();
        Set<String> printed = new HashSet<>();
        for (List<TemplateNode> tree : trees.values()) {
            collect(tree, read, printed);
        }
        Set<String> scopePrinting = new HashSet<>();
        if (!printsScopes(trees.get(root), null, trees, scopePrinting, new HashSet<>())) {
            return null;
        }
        printed.addAll(scopePrinting);
        return new ContextNeeds(Set.copyOf(read), Set.copyOf(printed), Set.copyOf(scopePrinting));
    }

    /**
     * Adds to {@code printed} the sections whose values a {@code {{.}}} prints; false when one prints the root
     * context ({@code section} null: outside every section).
     *
     * @param visited partials and parents already walked inside the same section (recursion, and the same include twice)
     */
    private static boolean printsScopes(List<TemplateNode> nodes, String section, Map<String, List<TemplateNode>> trees,
            Set<String> scopePrinting, Set<String> visited) {
        if (nodes == null) {
            return true;
        }
        for (TemplateNode node : nodes) {
            if (node instanceof TemplateNode.Variable v && v.name().equals(".")) {
                if (section == null) {
                    return false;
                }
                scopePrinting.add(section);
                scopePrinting.add(last(section));
            } else if (node instanceof TemplateNode.Section s) {
                // an inverted section pushes nothing; {{#.}} pushes the scope that is already there
                String pushed = s.inverted() || s.name().equals(".") ? section : s.name();
                if (!printsScopes(s.body(), pushed, trees, scopePrinting, visited)) {
                    return false;
                }
            } else if (node instanceof TemplateNode.Partial p) {
                if (visited.add(p.name() + "\u0000" + section)
                        && !printsScopes(trees.get(p.name()), section, trees, scopePrinting, visited)) {
                    return false;
                }
            } else if (node instanceof TemplateNode.Parent p) {
                if (visited.add(p.name() + "\u0000" + section)
                        && !printsScopes(trees.get(p.name()), section, trees, scopePrinting, visited)) {
                    return false;
                }
                // a replacing block renders where the parent's block is, perhaps inside a section of the parent's:
                // counted as outside every section, which can only read more
                for (TemplateNode.Block b : p.blocks()) {
                    if (!printsScopes(b.body(), null, trees, scopePrinting, visited)) {
                        return false;
                    }
                }
            } else if (!printsScopes(TemplateNode.children(node), section, trees, scopePrinting, visited)) {
                return false;
            }
        }
        return true;
    }

    private static String last(String dotted) {
        int dot = dotted.lastIndexOf('.');
        return dot < 0 ? dotted : dotted.substring(dot + 1);
    }

    /** The names, even where {@code {{.}}} makes the template need everything (for probing what it renders). */
    static ContextNeeds collect(Collection<List<TemplateNode>> trees) {
        Set<String> read = new HashSet<>();
        Set<String> printed = new HashSet<>();
        for (List<TemplateNode> tree : trees) {
            collect(tree, read, printed);
        }
        return new ContextNeeds(Set.copyOf(read), Set.copyOf(printed), Set.of());
    }

    private static void collect(List<TemplateNode> nodes, Set<String> read, Set<String> printed) {
        for (TemplateNode node : nodes) {
            if (node instanceof TemplateNode.Variable v) {
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
                    collect(b.body(), read, printed);
                }
            } else {
                collect(TemplateNode.children(node), read, printed);
            }
        }
    }
}
