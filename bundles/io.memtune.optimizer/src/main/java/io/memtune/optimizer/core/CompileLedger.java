package io.memtune.optimizer.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.memtune.api.optimizer.TemplateMemory;
import io.memtune.api.optimizer.TemplateNode;
import io.memtune.api.template.TemplateSource;

/**
 * What the engine has compiled and is still alive (weakly held: the template service's cache decides what
 * lives), with each one's source size and Mustache.java's estimate, for the memory report.
 */
public final class CompileLedger {

    /** One compiled template's figures that do not change. */
    record Entry(String tenant, String template, long sourceBytes, long baselineBytes, long compactAloneBytes) {
    }

    private final Cache<CompactTemplate, Entry> alive = Caffeine.newBuilder().weakKeys().build();

    void compiled(CompactTemplate template, Map<String, List<TemplateNode>> trees, TemplateSource source) {
        long sourceBytes = 0;
        for (String name : trees.keySet()) {
            sourceBytes += name.equals(source.name()) ? source.text().length() : source.include(name).map(String::length).orElse(0);
        }
        alive.put(template, new Entry(source.tenant(), source.name(), sourceBytes, BaselineEstimate.bytes(trees),
                MemoryEstimator.alone(template.root)));
    }

    /** The templates alive now, in no particular order. */
    List<Map.Entry<CompactTemplate, Entry>> alive() {
        alive.cleanUp();
        return new ArrayList<>(alive.asMap().entrySet());
    }

    /** Per template: source, baseline and optimized bytes, shared structure counted once (at the first one). */
    public List<TemplateMemory> memory() {
        List<Map.Entry<CompactTemplate, Entry>> entries = alive();
        entries.sort(java.util.Comparator.comparing((Map.Entry<CompactTemplate, Entry> e) -> e.getValue().tenant())
                .thenComparing(e -> e.getValue().template()));
        List<TemplateMemory> out = new ArrayList<>();
        MemoryEstimator.Walk walk = new MemoryEstimator.Walk();
        for (Map.Entry<CompactTemplate, Entry> e : entries) {
            Entry v = e.getValue();
            out.add(new TemplateMemory(v.tenant(), v.template(), v.sourceBytes(), v.baselineBytes(), walk.add(e.getKey().root)));
        }
        return out;
    }

    /** The compact form if every template held its own copy of everything it includes. */
    long compactAloneBytes() {
        return alive().stream().mapToLong(e -> e.getValue().compactAloneBytes()).sum();
    }

    static long sum(Collection<TemplateMemory> memory, java.util.function.ToLongFunction<TemplateMemory> f) {
        return memory.stream().mapToLong(f).sum();
    }
}
