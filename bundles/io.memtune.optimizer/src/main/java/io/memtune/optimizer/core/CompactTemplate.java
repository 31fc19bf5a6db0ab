package io.memtune.optimizer.core;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.Set;

import com.github.mustachejava.MustacheException;

import io.memtune.api.template.CompiledTemplate;
import io.memtune.api.template.TemplateException;

/** A page in the compact form: its fragment (sharing the fragments of its partials and parents). */
final class CompactTemplate implements CompiledTemplate {

    final String tenant;
    final String name;
    final Fragment root;
    private final ContextNeeds needs;
    private final long estimatedBytes;
    /** For the memory report (set by the ledger once compiled). */
    private long sourceBytes;
    private long baselineBytes;
    private long compactAloneBytes;

    CompactTemplate(String tenant, String name, Fragment root, ContextNeeds needs, long estimatedBytes) {
        this.tenant = tenant;
        this.name = name;
        this.root = root;
        this.needs = needs;
        this.estimatedBytes = estimatedBytes;
    }

    @Override
    public void execute(Map<String, ?> context, Writer out) throws IOException {
        try {
            Node.render(root.body, new Frame(out, context));
        } catch (Frame.RenderFailure | MustacheException e) {
            throw new TemplateException(TemplateException.Kind.RENDER_ERROR, tenant, name, 0, 0,
                    "cannot render " + tenant + "/" + name + ": " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw new TemplateException(TemplateException.Kind.RENDER_ERROR, tenant, name, 0, 0,
                    "cannot render " + tenant + "/" + name + ": nested too deeply", null);
        }
    }

    void figures(long source, long baseline, long compactAlone) {
        this.sourceBytes = source;
        this.baselineBytes = baseline;
        this.compactAloneBytes = compactAlone;
    }

    long sourceBytes() {
        return sourceBytes;
    }

    long baselineBytes() {
        return baselineBytes;
    }

    long compactAloneBytes() {
        return compactAloneBytes;
    }

    @Override
    public long estimatedBytes() {
        return estimatedBytes;
    }

    @Override
    public Set<String> readNames() {
        return needs == null ? null : needs.read();
    }

    @Override
    public Set<String> printedNames() {
        return needs == null ? null : needs.printed();
    }

    @Override
    public Set<String> scopePrintingSections() {
        return needs == null ? Set.of() : needs.scopePrinting();
    }
}
