package io.memtune.api.optimizer;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A rewrite of one template's tree (a page, a partial or a parent, each on its own) that must not change
 * what it renders. Passes run in order; the optimizer checks every rewritten tree against the original by
 * rendering both, and a pass that throws, takes longer than its time budget or changes the output is
 * switched off for that tree and reported, while the pipeline goes on without it.
 *
 * <p>Third-party passes are OSGi services in the container and {@code java.util.ServiceLoader} providers
 * outside it. A pass must be deterministic and thread-safe; it sees no context data.
 */
@ConsumerType
public interface OptimizationPass {

    /** A short, unique name, e.g. {@code merge-text}. */
    String name();

    /**
     * @param tree the template's nodes, possibly already rewritten by earlier passes
     * @return the rewritten nodes, or {@code tree} itself when there is nothing to do
     */
    List<TemplateNode> rewrite(List<TemplateNode> tree);
}
