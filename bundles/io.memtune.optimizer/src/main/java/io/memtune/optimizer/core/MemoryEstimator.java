package io.memtune.optimizer.core;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The heap the compact form retains, object by object, with the layout of a 64-bit HotSpot with compressed
 * references (12-byte headers, 4-byte references, 8-byte alignment): what JOL reports for the same graph
 * (MemoryEstimatorTest holds it to JOL). Each object is counted once, however many nodes reach it.
 */
final class MemoryEstimator {

    /** A page's own entry: its {@link CompactTemplate} (32 B) and the ledger's weak reference to it with its slot. */
    static final long PAGE_ENTRY = 32 + 32 + 4;
    /** {@link PageFacts}: three longs and a reference, once per distinct page content. */
    static final long PAGE_FACTS = 40;
    /**
     * A shared fragment's entry in the store (a Caffeine cache with weak values: its node, the weak reference, the map
     * node and slot, the 128-bit content key): measured with JOL, {@code CompactEntryTest}.
     */
    static final long FRAGMENT_ENTRY = 120;
    /** An interned text segment's, name's or name set's entry in its weak interner: measured with JOL. */
    static final long INTERNED_ENTRY = 88;

    private MemoryEstimator() {
    }

    /** Bytes reachable from {@code root}, not counting the fragments in {@code skip} (shared, counted elsewhere). */
    static long bytes(Fragment root, Set<Fragment> skip) {
        Walk walk = new Walk();
        walk.seen.addAll(skip);
        return walk.add(root);
    }

    /**
     * Bytes of the template as if nothing were shared with other templates: each object once within the
     * template (a partial included twice is compiled once per template, as Mustache.java's engine here does).
     */
    static long alone(Fragment root) {
        return new Walk().add(root);
    }

    /** A walk that counts each object once over several roots. */
    static final class Walk {

        final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        /** The text the fragments met so far were compiled from, each fragment once. */
        long sourceChars;
        /** Short text segments (interned when deduplication is on), names and name sets met, each once. */
        long interned;
        private final Set<Object> segments = Collections.newSetFromMap(new IdentityHashMap<>());

        /** Bytes of what {@code root} reaches that earlier roots did not. */
        long add(Fragment root) {
            long bytes = 0;
            Deque<Object> pending = new ArrayDeque<>();
            push(pending, root);
            while (!pending.isEmpty()) {
                Object o = pending.pop();
                if (o == null || !seen.add(o)) {
                    continue;
                }
                bytes += shallow(o);
                if (o instanceof Fragment f) {
                    sourceChars += f.sourceChars;
                    push(pending, f.body);
                    push(pending, f.page);
                } else if (o instanceof Object[] array) {
                    for (Object e : array) {
                        segment(e);
                        push(pending, e);
                    }
                } else if (o instanceof PageFacts p) {
                    push(pending, p.needs());
                } else if (o instanceof ContextNeeds n) {
                    interned++;
                    push(pending, n.read());
                    push(pending, n.printed());
                } else if (o instanceof Set<?> set) {
                    set.forEach(e -> push(pending, e));
                } else if (o instanceof ValueNode v) {
                    push(pending, v.name);
                } else if (o instanceof SectionNode s) {
                    push(pending, s.name);
                    push(pending, s.body);
                } else if (o instanceof PartialNode p) {
                    push(pending, p.target);
                } else if (o instanceof ParentNode p) {
                    push(pending, p.parent);
                    push(pending, p.overrides);
                } else if (o instanceof BlockNode b) {
                    segment(b.name);
                    push(pending, b.name);
                    push(pending, b.body);
                } else if (o instanceof Name n) {
                    interned++;
                    push(pending, n.full);
                    push(pending, n.segments);
                }
            }
            return bytes;
        }

        /** A text segment or block name, interned when short: counted once. */
        private void segment(Object o) {
            if (o instanceof String s && s.length() <= FragmentStore.INTERNED_TEXT_LENGTH && segments.add(s)) {
                interned++;
            }
        }

        private static void push(Deque<Object> pending, Object o) {
            if (o != null) {
                pending.push(o);
            }
        }
    }

    static long shallow(Object o) {
        if (o instanceof String s) {
            boolean latin1 = s.chars().allMatch(c -> c < 256);
            return 24 + align(16L + (long) s.length() * (latin1 ? 1 : 2));
        }
        if (o instanceof Object[] a) {
            return align(16L + 4L * a.length);
        }
        if (o instanceof PartialNode) {
            return 16;
        }
        if (o instanceof PageFacts) {
            return PAGE_FACTS;
        }
        if (o instanceof Set<?> set) { // Set.of(...): one or two elements in fields, more in a table twice their count
            return set.size() <= 2 ? 24 : 24 + align(16L + 4L * 2 * set.size());
        }
        // Fragment, ValueNode, SectionNode, ParentNode, BlockNode, Name: a header and up to three fields
        return 24;
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
