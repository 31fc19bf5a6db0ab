package io.memtune.optimizer.core;

import java.io.IOException;

/**
 * {@code {{>name}}}: the shared fragment of the partial, rendered in the current scopes. Only a partial
 * Mustache.java finds recursive (its compilation re-entered it) counts towards the recursion limit, as there.
 */
final class PartialNode extends Node {

    final Fragment target;
    final boolean recursive;

    PartialNode(Fragment target, boolean recursive) {
        this.target = target;
        this.recursive = recursive;
    }

    @Override
    void render(Frame frame) throws IOException {
        if (recursive) {
            frame.enterPartial();
        }
        Node.render(target.body, frame);
        if (recursive) {
            frame.leavePartial();
        }
    }
}
