package io.memtune.optimizer.core;

import java.io.IOException;

/** {@code {{>name}}}: the shared fragment of the partial, rendered in the current scopes. */
final class PartialNode extends Node {

    final Fragment target;

    PartialNode(Fragment target) {
        this.target = target;
    }

    @Override
    void render(Frame frame) throws IOException {
        frame.enterPartial();
        Node.render(target.body, frame);
        frame.leavePartial();
    }
}
