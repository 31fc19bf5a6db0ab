package io.memtune.optimizer.core;

import java.io.IOException;

/**
 * {@code {{$name}}}: the body of the most derived child that replaces it, else its own. A replacing body
 * sees only the children more derived than the one that wrote it (Mustache.java rewrites a parent for each
 * child in turn and does not rewrite a replacement again). {@code {{?name}}} renders its own body only where
 * every child in force replaces {@code name}.
 */
final class BlockNode extends Node {

    final String name;
    final Object[] body;
    final boolean conditional;

    BlockNode(String name, Object[] body, boolean conditional) {
        this.name = name;
        this.body = body;
        this.conditional = conditional;
    }

    @Override
    void render(Frame frame) throws IOException {
        Frame.Blocks blocks = frame.blocks;
        if (conditional) {
            if (blocks.allReplace(name)) {
                Node.render(body, frame);
            }
            return;
        }
        Frame.Blocks.Found found = blocks.find(name);
        if (found == null) {
            Node.render(body, frame);
            return;
        }
        frame.blocks = found.visible();
        Node.render(found.body(), frame);
        frame.blocks = blocks;
    }
}
