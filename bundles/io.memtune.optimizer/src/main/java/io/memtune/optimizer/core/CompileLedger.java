package io.memtune.optimizer.core;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import io.memtune.api.optimizer.TemplateMemory;
import io.memtune.api.optimizer.TemplateNode;
import io.memtune.api.template.TemplateSource;

/**
 * What the engine has compiled and is still alive, for the memory report. Held weakly (the template
 * service's cache decides what lives) and cheaply: a weak reference per template, its figures in the template.
 */
public final class CompileLedger {

    private final List<WeakReference<CompactTemplate>> alive = new ArrayList<>();
    private int purgeAt = 64;

    void compiled(CompactTemplate template, Map<String, List<TemplateNode>> trees, TemplateSource source) {
        long sourceBytes = 0;
        for (String name : trees.keySet()) {
            sourceBytes += name.equals(source.name()) ? source.text().length() : source.include(name).map(String::length).orElse(0);
        }
        template.figures(sourceBytes, BaselineEstimate.bytes(trees), MemoryEstimator.alone(template.root));
        synchronized (alive) {
            alive.add(new WeakReference<>(template));
            if (alive.size() >= purgeAt) {
                alive.removeIf(r -> r.get() == null);
                purgeAt = Math.max(64, alive.size() * 2);
            }
        }
    }

    /** The templates alive now. */
    List<CompactTemplate> alive() {
        List<CompactTemplate> out = new ArrayList<>();
        synchronized (alive) {
            alive.removeIf(r -> r.get() == null);
            for (WeakReference<CompactTemplate> r : alive) {
                CompactTemplate t = r.get();
                if (t != null) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** Per template: source, baseline and optimized bytes, shared structure counted once (at the first one). */
    public List<TemplateMemory> memory() {
        List<CompactTemplate> templates = alive();
        templates.sort(Comparator.comparing((CompactTemplate t) -> t.tenant).thenComparing(t -> t.name));
        List<TemplateMemory> out = new ArrayList<>();
        MemoryEstimator.Walk walk = new MemoryEstimator.Walk();
        for (CompactTemplate t : templates) {
            out.add(new TemplateMemory(t.tenant, t.name, t.sourceBytes(), t.baselineBytes(), walk.add(t.root)));
        }
        return out;
    }

    /** The distinct template text behind what is alive: each fragment's text once (the floor). */
    long distinctSourceChars() {
        MemoryEstimator.Walk walk = new MemoryEstimator.Walk();
        for (CompactTemplate t : alive()) {
            walk.add(t.root);
        }
        return walk.sourceChars;
    }

    /** The compact form if every template held its own copy of everything it includes. */
    long compactAloneBytes() {
        return alive().stream().mapToLong(CompactTemplate::compactAloneBytes).sum();
    }

    static long sum(Collection<TemplateMemory> memory, ToLongFunction<TemplateMemory> f) {
        return memory.stream().mapToLong(f).sum();
    }
}
