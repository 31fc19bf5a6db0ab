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

        /** Bytes of what {@code root} reaches that earlier roots did not. */
        long add(Fragment root) {
            long bytes = 0;
            Deque<Object> pending = new ArrayDeque<>();
            pending.push(root);
            while (!pending.isEmpty()) {
                Object o = pending.pop();
                if (o == null || !seen.add(o)) {
                    continue;
                }
                bytes += shallow(o);
                if (o instanceof Fragment f) {
                    sourceChars += f.sourceChars;
                    pending.push(f.body);
                } else if (o instanceof Object[] array) {
                    for (Object e : array) {
                        pending.push(e);
                    }
                } else if (o instanceof ValueNode v) {
                    pending.push(v.name);
                } else if (o instanceof SectionNode s) {
                    pending.push(s.name);
                    pending.push(s.body);
                } else if (o instanceof PartialNode p) {
                    pending.push(p.target);
                } else if (o instanceof ParentNode p) {
                    pending.push(p.parent);
                    pending.push(p.overrides);
                } else if (o instanceof BlockNode b) {
                    pending.push(b.name);
                    pending.push(b.body);
                } else if (o instanceof Name n) {
                    pending.push(n.full);
                    pending.push(n.segments);
                }
            }
            return bytes;
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
        // Fragment, ValueNode, SectionNode, ParentNode, BlockNode, Name: a header and up to three fields
        return 24;
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
