package io.memtune.optimizer.core;

import java.io.IOException;

/**
 * A tag of the compact form. A body is an {@code Object[]} of {@link String} (text, written as is) and
 * nodes, so text costs no object of its own; a tag costs one small object with references to shared,
 * interned names: no per-tag bindings, guards or template contexts.
 */
abstract class Node {

    abstract void render(Frame frame) throws IOException;

    /** Renders a body. */
    static void render(Object[] body, Frame frame) throws IOException {
        for (Object element : body) {
            if (element instanceof String text) {
                frame.out.text(text);
            } else {
                ((Node) element).render(frame);
            }
        }
    }
}
