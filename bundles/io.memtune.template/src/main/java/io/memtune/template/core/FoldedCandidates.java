package io.memtune.template.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The busiest folded tenants by name, approximately: a small table with one slot per hash, where a tenant takes a
 * slot from one that rendered less lately (by the frequency sketch's estimate). What the periodic maintenance
 * promotes from, and what {@code /metrics} names as the busiest folded tenants. No lock: a slot's name and score
 * are written with plain ordered stores, and a race at worst keeps the other of two candidates for a while.
 */
final class FoldedCandidates {

    private final AtomicReferenceArray<String> names;
    private final AtomicIntegerArray scores;
    private final int mask;

    /** @param slots a power of two */
    FoldedCandidates(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("candidate slots must be a power of two, not " + slots);
        }
        this.names = new AtomicReferenceArray<>(slots);
        this.scores = new AtomicIntegerArray(slots);
        this.mask = slots - 1;
    }

    /** A folded render of a tenant, whose estimate is now {@code score}. */
    void offer(String tenant, int score) {
        int slot = (int) TenantFrequencySketch.mix(tenant.hashCode() ^ 0x5bd1e995) & mask;
        String held = names.get(slot);
        if (tenant.equals(held)) {
            scores.lazySet(slot, score);
        } else if (held == null || score > scores.get(slot)) {
            names.lazySet(slot, tenant);
            scores.lazySet(slot, score);
        }
    }

    /** The tenants held, in no order. */
    List<String> tenants() {
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < names.length(); i++) {
            String name = names.get(i);
            if (name != null) {
                tenants.add(name);
            }
        }
        return tenants;
    }

    /** A tenant no longer folded (promoted) gives its slot up. */
    void remove(String tenant) {
        for (int i = 0; i < names.length(); i++) {
            if (tenant.equals(names.get(i))) {
                names.compareAndSet(i, names.get(i), null);
                scores.lazySet(i, 0);
            }
        }
    }

    /** Halves the scores with the sketch's counters, so that a slot's holder keeps competing on equal terms. */
    void halve() {
        for (int i = 0; i < scores.length(); i++) {
            scores.lazySet(i, scores.get(i) >>> 1);
        }
    }

    int slots() {
        return names.length();
    }

    /** Upper bound, counting every slot as held by a name of {@code maxChars}. */
    long estimatedBytes(int maxChars) {
        return HeapCosts.object(3, 1, 0) + HeapCosts.object(1, 0, 0) + HeapCosts.array(slots(), 8)
                + HeapCosts.object(1, 0, 0) + HeapCosts.array(slots(), Integer.BYTES)
                + slots() * HeapCosts.string(maxChars);
    }
}
