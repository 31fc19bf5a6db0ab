package io.memtune.optimizer.core;

import java.util.List;
import java.util.Map;

import io.memtune.api.optimizer.TemplateNode;

/**
 * What Mustache.java retains for a template and the texts it reaches (each compiled once: the template
 * bundle's engine caches partials per template), by the model the template bundle fitted with JOL on
 * OpenJDK 17: per template about 2,000 bytes of factory and parser state; per text reached its characters one
 * and a half times, and per tag a code object, a binding with its guards and a template context, about 380 bytes.
 */
final class BaselineEstimate {

    static final int BYTES_PER_TAG = 380;
    static final int BYTES_PER_TEMPLATE = 2000;

    private BaselineEstimate() {
    }

    static long bytes(Map<String, List<TemplateNode>> trees) {
        long bytes = BYTES_PER_TEMPLATE;
        for (List<TemplateNode> tree : trees.values()) {
            bytes += textChars(tree) * 3 / 2 + (long) BYTES_PER_TAG * tags(tree);
        }
        return bytes;
    }

    private static long textChars(List<TemplateNode> nodes) {
        long chars = 0;
        for (TemplateNode node : nodes) {
            chars += node instanceof TemplateNode.Text t ? t.text().length() : textChars(TemplateNode.children(node));
        }
        return chars;
    }

    private static int tags(List<TemplateNode> nodes) {
        int tags = 0;
        for (TemplateNode node : nodes) {
            tags += (node instanceof TemplateNode.Text ? 0 : 1) + tags(TemplateNode.children(node));
        }
        return tags;
    }
}
