package io.memtune.optimizer.core;

import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

import com.github.mustachejava.reflect.ReflectionObjectHandler;
import com.github.mustachejava.util.GuardException;

/**
 * One render's state: the scope stack, the output, the blocks in force. Name look-up is Mustache.java's:
 * from the innermost scope out; a dotted name's first segments must resolve in one scope (if one of them is
 * missing, the next scope out is tried; if one is null, the value is null); a map's key is found even when
 * its value is null. Maps are looked up here directly; a scope of any other type (a bean, a string, a list)
 * goes to Mustache.java's reflection look-up, so methods and fields resolve exactly as there.
 */
final class Frame {

    /** Mustache.java's default partial recursion limit (counted over recursive partials only). */
    static final int RECURSION_LIMIT = 100;

    private static final ReflectionObjectHandler REFLECTION = new ReflectionObjectHandler();

    final Writer out;
    Blocks blocks = Blocks.NONE;
    private Object[] scopes = new Object[8];
    private int size;
    private int depth;

    Frame(Writer out, Object context) {
        this.out = out;
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

    Object lookup(Name name) {
        if (name.self) {
            return size == 0 ? null : scopes[size - 1];
        }
        String[] segments = name.segments;
        next:
        for (int i = size - 1; i >= 0; i--) {
            Object scope = scopes[i];
            if (!(scope instanceof Map<?, ?> map)) {
                return reflective(name);
            }
            if (map.containsKey(name.full)) {
                return SectionNode.coerce(map.get(name.full));
            }
            if (segments.length == 1) {
                continue;
            }
            Object current = map;
            for (int s = 0; s < segments.length - 1; s++) {
                if (!(current instanceof Map<?, ?> m)) {
                    return reflective(name);
                }
                if (!m.containsKey(segments[s])) {
                    continue next;
                }
                current = SectionNode.coerce(m.get(segments[s]));
                if (current == null) {
                    return null;
                }
            }
            if (!(current instanceof Map<?, ?> last)) {
                return reflective(name);
            }
            return SectionNode.coerce(last.get(segments[segments.length - 1]));
        }
        return null;
    }

    /** The rare scope that is not a map: Mustache.java's own look-up, over the same scopes. */
    private Object reflective(Name name) {
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(scopes[i]);
        }
        try {
            return REFLECTION.coerce(REFLECTION.find(name.full, list).call(list));
        } catch (GuardException e) {
            throw new IllegalStateException("a fresh look-up failed its own guard", e);
        }
    }

    static void refuseLambda(Object value, Name name) {
        if (value instanceof Function || value instanceof Callable) {
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
