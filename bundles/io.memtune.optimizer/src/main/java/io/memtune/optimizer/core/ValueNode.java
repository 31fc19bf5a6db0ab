package io.memtune.optimizer.core;

import java.io.IOException;

/** {@code {{name}}} and {@code {{{name}}}}: the value's {@code toString()}, escaped as Mustache.java escapes. */
final class ValueNode extends Node {

    final Name name;
    final boolean escaped;

    ValueNode(Name name, boolean escaped) {
        this.name = name;
        this.escaped = escaped;
    }

    @Override
    void render(Frame frame) throws IOException {
        Object value = frame.lookup(name);
        if (value == null) {
            return;
        }
        Frame.refuseLambda(value, name);
        String text = value.toString();
        if (escaped) {
            frame.out.escaped(text);
        } else {
            frame.out.text(text);
        }
    }
}
