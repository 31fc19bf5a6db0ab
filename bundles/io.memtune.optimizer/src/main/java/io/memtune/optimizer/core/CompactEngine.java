package io.memtune.optimizer.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.memtune.api.optimizer.TemplateNode;
import io.memtune.api.template.CompiledTemplate;
import io.memtune.api.template.TemplateEngine;
import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateSource;

/**
 * The optimizer's engine: Mustache.java's parser, the pass pipeline, and the compact form, with partials,
 * parents and identical pages compiled once per content and shared across templates and tenants. Renders
 * what Mustache.java renders (the differential tests hold it to that). Templates it does not take (dynamic
 * partials), and everything when the compact form is switched off, go to the fallback engine.
 */
public final class CompactEngine implements TemplateEngine {

    private final OptimizerSettings settings;
    private final PassPipeline pipeline;
    private final TemplateEngine fallback;
    private final FragmentStore store = new FragmentStore();
    private final CompileLedger ledger;

    /**
     * @param fallback Mustache.java's engine, for what the compact form does not take; may be null (such
     *        templates are then refused with a clear error)
     */
    public CompactEngine(OptimizerSettings settings, PassPipeline pipeline, TemplateEngine fallback, CompileLedger ledger) {
        this.settings = settings;
        this.pipeline = pipeline;
        this.fallback = fallback;
        this.ledger = ledger;
        if (ledger != null) {
            ledger.store(store);
        }
    }

    @Override
    public String name() {
        return settings.compact() ? "memtune-compact" : "mustache.java (optimizer: compact form off)";
    }

    /**
     * @throws TemplateException COMPILE_ERROR as well when the template nests deeper than the stack holds:
     *         Mustache.java's parser and the walks over the tree below recurse once per level, and a hostile
     *         template nests thousands deep. Without the overflow as cause: its trace is thousands of frames of
     *         the same few.
     */
    @Override
    public CompiledTemplate compile(TemplateSource source) {
        try {
            return compileTree(source);
        } catch (StackOverflowError e) {
            throw new TemplateException(TemplateException.Kind.COMPILE_ERROR, source.tenant(), source.name(),
                    "cannot compile " + source.tenant() + "/" + source.name() + ": nested too deeply (sections, partials"
                            + " or parents) for the thread's stack");
        }
    }

    private CompiledTemplate compileTree(TemplateSource source) {
        if (!settings.compact()) {
            return viaFallback(source, "the compact form is switched off");
        }
        Map<String, List<TemplateNode>> trees = parseClosure(source);
        for (Map.Entry<String, List<TemplateNode>> e : trees.entrySet()) {
            if (contains(e.getValue(), TemplateNode.DynamicPartial.class)) {
                return viaFallback(source, e.getKey() + " has a dynamic partial");
            }
        }
        Linking linking = new Linking(source, trees, keys(trees), lengths(source, trees), recursivePartials(source.name(), trees));
        Fragment root = linking.fragment(source.name());
        long bytes = MemoryEstimator.bytes(root, linking.reused) + MemoryEstimator.PAGE_ENTRY;
        if (root.page == null) {
            // the first page of this content: what every page of it shares (compiles racing here set equal facts)
            ContextNeeds needs = settings.pruneContext() ? store.needs(ContextNeeds.of(source.name(), trees)) : null;
            root.page = new PageFacts(needs, sourceChars(source, trees), BaselineEstimate.bytes(trees),
                    MemoryEstimator.alone(root));
            bytes += MemoryEstimator.PAGE_FACTS;
        }
        CompactTemplate compiled = new CompactTemplate(source.tenant(), source.name(), root, bytes);
        if (ledger != null) {
            ledger.compiled(compiled);
        }
        return compiled;
    }

    /** The characters of the texts the page reaches, each once. */
    private static long sourceChars(TemplateSource source, Map<String, List<TemplateNode>> trees) {
        long chars = 0;
        for (String name : trees.keySet()) {
            chars += name.equals(source.name()) ? source.text().length() : source.include(name).map(String::length).orElse(0);
        }
        return chars;
    }

    private CompiledTemplate viaFallback(TemplateSource source, String why) {
        if (fallback == null) {
            throw new TemplateException(TemplateException.Kind.COMPILE_ERROR, source.tenant(), source.name(),
                    "cannot compile " + source.tenant() + "/" + source.name() + ": " + why + " and Mustache.java's"
                            + " engine is not there");
        }
        return fallback.compile(source);
    }

    /** Every text the page reaches, parsed and passed through the pipeline, the page first. */
    private Map<String, List<TemplateNode>> parseClosure(TemplateSource source) {
        Map<String, List<TemplateNode>> trees = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>(List.of(source.name()));
        while (!pending.isEmpty()) {
            String name = pending.remove(pending.size() - 1);
            if (trees.containsKey(name)) {
                continue;
            }
            String text = name.equals(source.name()) ? source.text() : source.include(name).orElse(null);
            if (text == null) {
                continue;
            }
            List<TemplateNode> tree = pipeline.apply(TreeParser.parse(source.tenant(), name, text));
            trees.put(name, tree);
            includes(tree, pending);
        }
        return trees;
    }

    private static void includes(List<TemplateNode> nodes, List<String> into) {
        for (TemplateNode node : nodes) {
            if (node instanceof TemplateNode.Partial p) {
                into.add(p.name());
            } else if (node instanceof TemplateNode.Parent p) {
                into.add(p.name());
            }
            includes(TemplateNode.children(node), into);
        }
    }

    private static boolean contains(List<TemplateNode> nodes, Class<? extends TemplateNode> type) {
        for (TemplateNode node : nodes) {
            if (type.isInstance(node) || contains(TemplateNode.children(node), type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Content keys: a text's hash with its includes' keys, so a partial that includes another one is the
     * same fragment only where that one resolves to the same text too. Texts on a cycle of includes (a
     * recursive partial), and texts that reach one, get none: they are compiled for this template alone.
     */
    private Map<String, String> keys(Map<String, List<TemplateNode>> trees) {
        Map<String, String> keys = new HashMap<>();
        if (!settings.share()) {
            return keys;
        }
        Set<String> visiting = new HashSet<>();
        Set<String> unshareable = new HashSet<>();
        for (String name : trees.keySet()) {
            key(name, trees, keys, visiting, unshareable);
        }
        return keys;
    }

    private String key(String name, Map<String, List<TemplateNode>> trees, Map<String, String> keys, Set<String> visiting,
            Set<String> unshareable) {
        if (keys.containsKey(name) || unshareable.contains(name)) {
            return keys.get(name);
        }
        List<TemplateNode> tree = trees.get(name);
        if (tree == null) {
            return "missing:" + name;
        }
        if (!visiting.add(name)) {
            unshareable.addAll(visiting);
            return null;
        }
        List<String> included = new ArrayList<>();
        includes(tree, included);
        MessageDigest digest = sha256();
        digest.update(render(tree).getBytes(StandardCharsets.UTF_8));
        boolean shareable = true;
        for (String include : included) {
            String k = key(include, trees, keys, visiting, unshareable);
            if (k == null) {
                shareable = false;
            } else {
                digest.update(("\u0000" + include + "=" + k).getBytes(StandardCharsets.UTF_8));
            }
        }
        visiting.remove(name);
        if (!shareable || unshareable.contains(name)) {
            unshareable.add(name);
            return null;
        }
        String key = java.util.HexFormat.of().formatHex(digest.digest());
        keys.put(name, key);
        return key;
    }

    /**
     * The tree, encoded without ambiguity (a type tag per node, every string length-prefixed, bodies counted):
     * the key is of the compiled structure, not of the file's spelling, and no text can pass for markup.
     */
    private static String render(List<TemplateNode> tree) {
        StringBuilder out = new StringBuilder();
        encode(tree, out);
        return out.toString();
    }

    private static void encode(List<? extends TemplateNode> nodes, StringBuilder out) {
        out.append('[').append(nodes.size()).append(':');
        for (TemplateNode node : nodes) {
            if (node instanceof TemplateNode.Text t) {
                string('T', t.text(), out);
            } else if (node instanceof TemplateNode.Variable v) {
                string(v.escaped() ? 'V' : 'U', v.name(), out);
            } else if (node instanceof TemplateNode.Section s) {
                string(s.inverted() ? '^' : '#', s.name(), out);
                encode(s.body(), out);
            } else if (node instanceof TemplateNode.Partial p) {
                string('>', p.name(), out);
            } else if (node instanceof TemplateNode.DynamicPartial d) {
                string('*', d.name(), out);
            } else if (node instanceof TemplateNode.Parent p) {
                string('<', p.name(), out);
                encode(p.blocks(), out);
            } else if (node instanceof TemplateNode.Block b) {
                string(b.conditional() ? '?' : '$', b.name(), out);
                encode(b.body(), out);
            } else {
                throw new IllegalArgumentException("unknown node " + node);
            }
        }
        out.append(']');
    }

    private static void string(char tag, String value, StringBuilder out) {
        out.append(tag).append(value.length()).append(':').append(value);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The partials Mustache.java marks recursive: compiling depth first in tag order, and (stock) again at
     * every inclusion, the ones whose compilation is entered again while it is under way. Every path is
     * walked, as the compilations are; past a bound on the walk (a pathological tree), every partial that is
     * entered again anywhere counts: at worst the limit is reached sooner, never later.
     */
    static Set<String> recursivePartials(String root, Map<String, List<TemplateNode>> trees) {
        Set<String> recursive = new HashSet<>();
        int[] budget = {10_000};
        walk(root, trees, new HashSet<>(), recursive, budget);
        return recursive;
    }

    private static void walk(String name, Map<String, List<TemplateNode>> trees, Set<String> onStack, Set<String> recursive,
            int[] budget) {
        List<TemplateNode> tree = trees.get(name);
        if (tree == null || --budget[0] < 0) {
            return;
        }
        onStack.add(name);
        List<String> partials = new ArrayList<>();
        includes(tree, partials);
        for (String p : partials) {
            if (onStack.contains(p)) {
                recursive.add(p);
            } else {
                walk(p, trees, onStack, recursive, budget);
            }
        }
        onStack.remove(name);
    }

    private static Map<String, Integer> lengths(TemplateSource source, Map<String, List<TemplateNode>> trees) {
        Map<String, Integer> lengths = new HashMap<>();
        for (String name : trees.keySet()) {
            lengths.put(name, name.equals(source.name()) ? source.text().length()
                    : source.include(name).map(String::length).orElse(0));
        }
        return lengths;
    }

    /** A tree on its own (partials and parents render nothing), for checking what a pass did. */
    static Fragment standalone(List<TemplateNode> tree) {
        CompactEngine engine = new CompactEngine(new OptimizerSettings(true, false, false, false), null, null, null);
        Map<String, List<TemplateNode>> trees = Map.of("probe", tree);
        return engine.new Linking(null, trees, Map.of(), Map.of(), Set.of()).fragment("probe");
    }

    /** One compilation's lowering of trees into fragments. */
    private final class Linking {

        private final TemplateSource source;
        private final Map<String, List<TemplateNode>> trees;
        private final Map<String, String> keys;
        private final Map<String, Integer> sourceChars;
        private final Set<String> recursive;
        private final Map<String, Fragment> done = new HashMap<>();
        /** Shared fragments found already compiled: not this template's cost. */
        final Set<Fragment> reused = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

        Linking(TemplateSource source, Map<String, List<TemplateNode>> trees, Map<String, String> keys,
                Map<String, Integer> sourceChars, Set<String> recursive) {
            this.source = source;
            this.trees = trees;
            this.keys = keys;
            this.sourceChars = sourceChars;
            this.recursive = recursive;
        }

        Fragment fragment(String name) {
            Fragment fragment = done.get(name);
            if (fragment != null) {
                return fragment;
            }
            String key = keys.get(name);
            if (key != null) {
                Fragment existing = store.shared(key);
                if (existing != null) {
                    reused.add(existing);
                    done.put(name, existing);
                    return existing;
                }
            }
            fragment = new Fragment(null, sourceChars.getOrDefault(name, 0));
            done.put(name, fragment); // before lowering: a recursive partial refers to itself
            fragment.body = lower(trees.get(name), name);
            if (key != null) {
                Fragment kept = store.share(key, fragment);
                if (kept != fragment) {
                    reused.add(kept);
                    done.put(name, kept);
                    return kept;
                }
            }
            return fragment;
        }

        private Object[] lower(List<TemplateNode> nodes, String in) {
            List<Object> body = new ArrayList<>(nodes.size());
            for (TemplateNode node : nodes) {
                Object lowered = lower(node, in);
                if (lowered == null) {
                    continue;
                }
                int last = body.size() - 1;
                if (lowered instanceof String text && last >= 0 && body.get(last) instanceof String before) {
                    body.set(last, text(before + text)); // adjacent texts (a missing partial between them)
                } else {
                    body.add(lowered);
                }
            }
            return body.toArray();
        }

        private Object lower(TemplateNode node, String in) {
            if (node instanceof TemplateNode.Text t) {
                return text(t.text());
            }
            if (node instanceof TemplateNode.Variable v) {
                return new ValueNode(name(v.name()), v.escaped());
            }
            if (node instanceof TemplateNode.Section s) {
                return new SectionNode(name(s.name()), s.inverted(), lower(s.body(), in));
            }
            if (node instanceof TemplateNode.Partial p) {
                return resolvable(p.name(), in, "partial") ? new PartialNode(fragment(p.name()), recursive.contains(p.name())) : null;
            }
            if (node instanceof TemplateNode.Parent p) {
                if (!resolvable(p.name(), in, "parent")) {
                    return null;
                }
                Object[] overrides = new Object[p.blocks().size() * 2];
                for (int i = 0; i < p.blocks().size(); i++) {
                    TemplateNode.Block b = p.blocks().get(i);
                    overrides[2 * i] = text(b.name());
                    overrides[2 * i + 1] = lower(b.body(), in);
                }
                return new ParentNode(fragment(p.name()), overrides);
            }
            if (node instanceof TemplateNode.Block b) {
                return new BlockNode(text(b.name()), lower(b.body(), in), b.conditional());
            }
            throw new IllegalArgumentException("not lowered: " + node);
        }

        /**
         * Whether an include is there; a missing one fails the compilation as in Mustache.java (the template
         * service refuses such a template before), except in a standalone tree, where it renders nothing.
         */
        private boolean resolvable(String include, String in, String what) {
            if (trees.containsKey(include)) {
                return true;
            }
            if (source == null) {
                return false;
            }
            throw new TemplateException(TemplateException.Kind.NOT_FOUND, source.tenant(), source.name(),
                    "cannot compile " + source.tenant() + "/" + in + ": its " + what + " '" + include + "' is missing");
        }

        private String text(String text) {
            return settings.deduplicate() ? store.text(text) : text;
        }

        private Name name(String name) {
            return settings.deduplicate() ? store.name(name) : new Name(name);
        }
    }
}
