package io.memtune.api.execution;

import io.memtune.api.template.TemplateException;

/**
 * One result of a batch, in the order of the contexts.
 *
 * @param output the rendered page, or null when this item failed
 * @param failure what went wrong with this item alone (the others are unaffected), or null
 */
public record BatchItem(String output, TemplateException failure) {
}
