package io.memtune.optimizer.core;

import java.io.IOException;

/**
 * {@code {{<parent}}...{{/parent}}}: the parent's shared fragment, rendered with this child's block bodies
 * in force. The parent is never copied per child (Mustache.java clones and rewrites it for each one).
 */
final class ParentNode extends Node {

    final Fragment parent;
    /** Block names and bodies, alternating, as the child wrote them (a later one of the same name wins). */
    final Object[] overrides;

    ParentNode(Fragment parent, Object[] overrides) {
        this.parent = parent;
        this.overrides = overrides;
    }

    Object[] override(String name) {
        for (int i = overrides.length - 2; i >= 0; i -= 2) {
            if (overrides[i].equals(name)) {
                return (Object[]) overrides[i + 1];
            }
        }
        return null;
    }

    @Override
    void render(Frame frame) throws IOException {
        Frame.Blocks saved = frame.blocks;
        frame.blocks = saved.extend(this);
        Node.render(parent.body, frame);
        frame.blocks = saved;
    }
}
