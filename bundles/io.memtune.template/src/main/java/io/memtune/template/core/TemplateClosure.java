package io.memtune.template.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateException.Kind;
import io.memtune.api.template.TemplateSource;

/**
 * A template with every partial and parent it reaches, read and checked before any engine sees it: each
 * file scans without syntax error, each name resolves, and no cycle of parents or unconditional partials
 * can recurse forever (a partial that includes itself inside a section is recursion over data, which
 * Mustache allows and Mustache.java bounds).
 *
 * @param tenant the tenant
 * @param name the template
 * @param texts every template of the closure by name, the template itself first
 * @param origins where each came from: the tenant or {@code _shared}
 */
public record TemplateClosure(String tenant, String name, Map<String, String> texts, Map<String, String> origins)
        implements TemplateSource {

    public TemplateClosure {
        texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
        origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
    }

    @Override
    public String text() {
        return texts.get(name);
    }

    @Override
    public Optional<String> include(String included) {
        return Optional.ofNullable(texts.get(included));
    }

    /** Bytes of all the sources (as UTF-16 chars: what the JVM holds at most). */
    public long sourceChars() {
        return texts.values().stream().mapToLong(String::length).sum();
    }

    /** Reads and checks the closure of a tenant's template from the repository. */
    public static TemplateClosure load(TemplateRepository repository, String tenant, String name) {
        return load(tenant, name, (t, n) -> repository.read(t, n).map(f -> new Found(f.text(), f.source())),
                n -> repository.lookedIn(tenant, n));
    }

    /** A template found by a loader. @param text its content @param origin the tenant or {@code _shared} */
    public record Found(String text, String origin) {
    }

    /**
     * Reads and checks a closure through any loader (a snapshot, a test's map).
     *
     * @param loader (tenant, name) to the template, empty when missing
     * @param lookedIn where a name was looked for, for the message when it is missing
     */
    public static TemplateClosure load(String tenant, String name, BiFunction<String, String, Optional<Found>> loader,
            java.util.function.Function<String, String> lookedIn) {
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        Map<String, List<Edge>> edges = new HashMap<>();
        Deque<String> pending = new ArrayDeque<>(List.of(name));
        Map<String, Tag> includedBy = new HashMap<>();
        Map<String, String> includer = new HashMap<>();
        while (!pending.isEmpty()) {
            String current = pending.pop();
            if (texts.containsKey(current)) {
                continue;
            }
            if (!TemplateRepository.isTemplateName(current)) {
                Tag at = includedBy.get(current);
                throw new TemplateException(Kind.NOT_FOUND, tenant, includer.get(current), at.line(), at.column(),
                        "'" + current + "' is not a valid template name", null);
            }
            Found found = loader.apply(tenant, current).orElseThrow(() -> missing(tenant, name, current,
                    includedBy.get(current), includer.get(current), lookedIn.apply(current)));
            ScannedTemplate scanned = MustacheScanner.scan(current, found.text());
            if (scanned.error() != null) {
                ScannedTemplate.SyntaxError e = scanned.error();
                throw new TemplateException(Kind.COMPILE_ERROR, tenant, current, e.line(), e.column(),
                        where(tenant, current, found.origin()) + ":" + e.line() + ":" + e.column() + ": " + e.message()
                                + (current.equals(name) ? "" : " (included by " + name + ")"), null);
            }
            texts.put(current, found.text());
            origins.put(current, found.origin());
            List<Edge> out = new ArrayList<>();
            for (Tag include : scanned.includes()) {
                out.add(new Edge(include.name(), include));
                if (!texts.containsKey(include.name()) && !includedBy.containsKey(include.name())) {
                    includedBy.put(include.name(), include);
                    includer.put(include.name(), current);
                }
                pending.push(include.name());
            }
            edges.put(current, out);
        }
        checkCycles(tenant, name, edges);
        return new TemplateClosure(tenant, name, texts, origins);
    }

    private record Edge(String target, Tag tag) {
        /** Taken whenever the template renders: a parent, or a partial outside any section. */
        boolean unconditional() {
            return tag.type() == Tag.Type.PARENT || !tag.conditional();
        }
    }

    /** Depth-first search over the unconditional edges; a back edge is a cycle that would never end. */
    private static void checkCycles(String tenant, String root, Map<String, List<Edge>> edges) {
        Map<String, Integer> state = new HashMap<>(); // 1 on the path, 2 done
        Deque<String> path = new ArrayDeque<>();
        visit(tenant, root, root, edges, state, path);
    }

    private static void visit(String tenant, String root, String node, Map<String, List<Edge>> edges,
            Map<String, Integer> state, Deque<String> path) {
        state.put(node, 1);
        path.addLast(node);
        for (Edge edge : edges.getOrDefault(node, List.of())) {
            if (!edge.unconditional()) {
                continue;
            }
            Integer s = state.get(edge.target());
            if (s != null && s == 1) {
                List<String> cycle = new ArrayList<>(path);
                cycle = cycle.subList(cycle.indexOf(edge.target()), cycle.size());
                String chain = String.join(" -> ", cycle) + " -> " + edge.target();
                throw new TemplateException(Kind.COMPILE_ERROR, tenant, node, edge.tag().line(), edge.tag().column(),
                        tenant + "/" + node + ":" + edge.tag().line() + ":" + edge.tag().column() + ": cycle of "
                                + (edge.tag().type() == Tag.Type.PARENT ? "parents" : "partials") + " " + chain
                                + " would never end" + (node.equals(root) ? "" : " (reached from " + root + ")"), null);
            }
            if (s == null) {
                visit(tenant, root, edge.target(), edges, state, path);
            }
        }
        path.removeLast();
        state.put(node, 2);
    }

    private static TemplateException missing(String tenant, String root, String name, Tag at, String includer,
            String lookedIn) {
        if (at == null) {
            return new TemplateException(Kind.NOT_FOUND, tenant, root,
                    "no template '" + name + "' for tenant '" + tenant + "' (looked in " + lookedIn + ")");
        }
        String kind = at.type() == Tag.Type.PARENT ? "parent" : "partial";
        return new TemplateException(Kind.NOT_FOUND, tenant, includer, at.line(), at.column(),
                tenant + "/" + includer + ":" + at.line() + ":" + at.column() + ": " + kind + " '" + name
                        + "' not found (looked in " + lookedIn + ")" + (includer.equals(root) ? "" : "; " + root
                        + " includes " + includer), null);
    }

    private static String where(String tenant, String name, String origin) {
        return TemplateRepository.SHARED.equals(origin) ? TemplateRepository.SHARED + "/" + name + " (for " + tenant + ")"
                : tenant + "/" + name;
    }
}
