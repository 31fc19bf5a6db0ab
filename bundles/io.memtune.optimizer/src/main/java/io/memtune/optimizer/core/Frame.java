package io.memtune.optimizer.core;

import java.io.Writer;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;


/**
 * One render's state: the scope stack, the output, the blocks in force. Name look-up is Mustache.java's:
 * from the innermost scope out; a dotted name's first segments must resolve in one scope (if one of them is
 * missing, the next scope out is tried; if one is null, the value is null); a map's key is found even when
 * its value is null. Maps are looked up by key; a scope of any other type (a bean, a string, a list) by its
 * members as Mustache.java's reflection finds them ({@link Members}), without its per-render searches.
 */
final class Frame {

    /** Mustache.java's default partial recursion limit (counted over recursive partials only). */
    static final int RECURSION_LIMIT = 100;

    /** What a scope does not have (unlike null, a value a map may hold). */
    static final Object ABSENT = new Object();

    final RenderOutput out;
    Blocks blocks = Blocks.NONE;
    private Object[] scopes = new Object[8];
    private int size;
    private int depth;

    Frame(Writer out, Object context) {
        this.out = new RenderOutput(out);
        push(context);
    }

    boolean push(Object scope) {
        if (scope == null) {
            return false;
        }
        if (size == scopes.length) {
            scopes = Arrays.copyOf(scopes, size * 2);
        }
        scopes[size++] = scope;
        return true;
    }

    void pop() {
        scopes[--size] = null;
    }

    void enterPartial() {
        if (++depth > RECURSION_LIMIT) {
            throw new RenderFailure("Maximum partial recursion limit reached: " + RECURSION_LIMIT);
        }
    }

    void leavePartial() {
        depth--;
    }

    /**
     * Mustache.java's look-up ({@code ReflectionObjectHandler.find}, then the call), evaluated directly: from the
     * innermost scope out, the whole name first; then a dotted name segment by segment within that one scope (a
     * segment it does not have sends the look-up to the next scope out; a null segment makes the value null; a
     * missing last segment too). A map answers by its keys alone; any other scope by its members
     * ({@link Members}, remembered per class and name).
     */
    Object lookup(Name name) {
        if (name.self) {
            return size == 0 ? null : scopes[size - 1];
        }
        String[] segments = name.segments;
        next:
        for (int i = size - 1; i >= 0; i--) {
            Object scope = scopes[i];
            Object value = get(scope, name.full);
            if (value != ABSENT) {
                return value;
            }
            if (segments.length == 1) {
                continue;
            }
            Object current = scope;
            for (int s = 0; s < segments.length - 1; s++) {
                current = get(current, segments[s]);
                if (current == ABSENT) {
                    continue next;
                }
                if (current == null) {
                    return null;
                }
            }
            value = get(current, segments[segments.length - 1]);
            return value == ABSENT ? null : value;
        }
        return null;
    }

    /** A name's value in one scope (coerced), or {@link #ABSENT}. */
    private static Object get(Object scope, String name) {
        if (scope instanceof Map<?, ?> map) {
            // one look-up for a null and for a miss alike (a miss is met at every scope a name is not in); a map
            // without its own getOrDefault does what this did before, get then containsKey
            @SuppressWarnings("unchecked")
            Object value = ((Map<Object, Object>) map).getOrDefault(name, ABSENT);
            return value == ABSENT || value == null ? value : SectionNode.coerce(value);
        }
        scope = SectionNode.coerce(scope);
        if (scope == null) {
            return ABSENT;
        }
        if (scope instanceof Map<?, ?>) {
            return get(scope, name);
        }
        Object value = Members.get(scope, name);
        return value == ABSENT ? ABSENT : SectionNode.coerce(value);
    }

    static void refuseLambda(Object value, Name name) {
        if (ValueKind.of(value) == ValueKind.LAMBDA) {
            throw new RenderFailure("'" + name.full + "' is a lambda: the optimizer's engine renders data (maps, lists,"
                    + " values, beans); lambdas need the mustache.java engine (switch the optimizer off)");
        }
    }

    /** The children whose block bodies are in force, most derived first. */
    static final class Blocks {

        static final Blocks NONE = new Blocks(new ParentNode[0]);

        private final ParentNode[] levels;

        private Blocks(ParentNode[] levels) {
            this.levels = levels;
        }

        /** A parent entered: its child's blocks apply after the ones already in force. */
        Blocks extend(ParentNode child) {
            ParentNode[] more = Arrays.copyOf(levels, levels.length + 1);
            more[levels.length] = child;
            return new Blocks(more);
        }

        /** A replacing body and the children more derived than its writer, or null. */
        Found find(String name) {
            for (int i = 0; i < levels.length; i++) {
                Object[] body = levels[i].override(name);
                if (body != null) {
                    return new Found(body, new Blocks(Arrays.copyOf(levels, i)));
                }
            }
            return null;
        }

        boolean allReplace(String name) {
            for (ParentNode level : levels) {
                if (level.override(name) == null) {
                    return false;
                }
            }
            return true;
        }

        record Found(Object[] body, Blocks visible) {
        }
    }

    /** A render failure of the template itself (not of the writer). */
    static final class RenderFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RenderFailure(String message) {
            super(message);
        }
    }

    static boolean isOptional(Object value) {
        return value instanceof Optional;
    }
}
