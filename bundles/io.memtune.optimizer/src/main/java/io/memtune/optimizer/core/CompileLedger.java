package io.memtune.optimizer.core;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

import io.memtune.api.optimizer.TemplateMemory;

/**
 * What the engine has compiled and is still alive, for the memory report. Held weakly (the template
 * service's cache decides what lives) and cheaply: a weak reference per template (with its slot, 36 bytes), the
 * figures in the page's shared {@link PageFacts}.
 */
public final class CompileLedger {

    private final List<WeakReference<CompactTemplate>> alive = new ArrayList<>();
    private int purgeAt = 64;
    private volatile FragmentStore store;

    /** The engine's store, whose entries the report counts. */
    void store(FragmentStore fragments) {
        this.store = fragments;
    }

    void compiled(CompactTemplate template) {
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

    /**
     * Per template: source, baseline and optimized bytes, shared structure counted once (at the first one) and every
     * page's own entry (its holder and ledger reference) at that page.
     */
    public List<TemplateMemory> memory() {
        return memory(new MemoryEstimator.Walk());
    }

    private List<TemplateMemory> memory(MemoryEstimator.Walk walk) {
        List<CompactTemplate> templates = alive();
        templates.sort(Comparator.comparing((CompactTemplate t) -> t.tenant).thenComparing(t -> t.name));
        List<TemplateMemory> out = new ArrayList<>();
        for (CompactTemplate t : templates) {
            out.add(new TemplateMemory(t.tenant, t.name, t.sourceBytes(), t.baselineBytes(),
                    walk.add(t.root) + MemoryEstimator.PAGE_ENTRY));
        }
        return out;
    }

    /**
     * The heap the optimizer holds besides the compiled structure: the pages' own entries (in {@link #memory()}'s
     * rows already), the store's entry per shared fragment and the interners' entry per interned text, name and
     * name set.
     *
     * @param deduplicated whether short texts are interned (then each has an interner entry)
     */
    Bookkeeping bookkeeping(boolean deduplicated) {
        MemoryEstimator.Walk walk = new MemoryEstimator.Walk();
        List<TemplateMemory> rows = memory(walk);
        FragmentStore fragments = store;
        long shared = fragments == null ? 0 : fragments.sharedFragments();
        long interned = deduplicated ? walk.interned : 0;
        return new Bookkeeping(rows, walk.sourceChars, rows.size() * MemoryEstimator.PAGE_ENTRY,
                shared * MemoryEstimator.FRAGMENT_ENTRY + interned * MemoryEstimator.INTERNED_ENTRY);
    }

    /**
     * @param rows per template, as {@link #memory()}
     * @param sourceChars the distinct text behind them
     * @param pageEntries the pages' own entries (included in the rows)
     * @param storeEntries the fragment store's and interners' entries (in no row)
     */
    record Bookkeeping(List<TemplateMemory> rows, long sourceChars, long pageEntries, long storeEntries) {
    }

    /** The compact form if every template held its own copy of everything it includes. */
    long compactAloneBytes() {
        return alive().stream().mapToLong(CompactTemplate::compactAloneBytes).sum();
    }

    static long sum(Collection<TemplateMemory> memory, ToLongFunction<TemplateMemory> f) {
        return memory.stream().mapToLong(f).sum();
    }
}
