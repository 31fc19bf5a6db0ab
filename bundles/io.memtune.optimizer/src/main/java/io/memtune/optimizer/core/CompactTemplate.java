package io.memtune.optimizer.core;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.Set;

import com.github.mustachejava.MustacheException;

import io.memtune.api.template.CompiledTemplate;
import io.memtune.api.template.TemplateException;

/**
 * A tenant's page in the compact form: its tenant and name (the template service's interned strings, for the
 * messages of its render errors) and its root fragment, which every identical page of every tenant shares with its
 * {@link PageFacts}. So a page whose design other tenants have too costs this object alone (32 bytes:
 * {@code CompactEntryTest}) and its ledger entry.
 */
final class CompactTemplate implements CompiledTemplate {

    final String tenant;
    final String name;
    final Fragment root;
    /** What this compile added to the heap: this object, its ledger entry, and the structure it did not find shared. */
    private final int estimatedBytes;

    CompactTemplate(String tenant, String name, Fragment root, long estimatedBytes) {
        this.tenant = tenant;
        this.name = name;
        this.root = root;
        this.estimatedBytes = (int) Math.min(Integer.MAX_VALUE, estimatedBytes);
    }

    @Override
    public void execute(Map<String, ?> context, Writer out) throws IOException {
        try {
            Frame frame = new Frame(out, context);
            Node.render(root.body, frame);
            frame.out.flush();
        } catch (Frame.RenderFailure | MustacheException e) {
            throw new TemplateException(TemplateException.Kind.RENDER_ERROR, tenant, name, 0, 0,
                    "cannot render " + tenant + "/" + name + ": " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw new TemplateException(TemplateException.Kind.RENDER_ERROR, tenant, name, 0, 0,
                    "cannot render " + tenant + "/" + name + ": nested too deeply", null);
        }
    }

    PageFacts facts() {
        return root.page;
    }

    long sourceBytes() {
        return facts().sourceBytes();
    }

    long baselineBytes() {
        return facts().baselineBytes();
    }

    long compactAloneBytes() {
        return facts().compactAloneBytes();
    }

    @Override
    public long estimatedBytes() {
        return estimatedBytes;
    }

    @Override
    public Set<String> readNames() {
        ContextNeeds needs = facts().needs();
        return needs == null ? null : needs.read();
    }

    @Override
    public Set<String> printedNames() {
        ContextNeeds needs = facts().needs();
        return needs == null ? null : needs.printed();
    }

    @Override
    public Set<String> scopePrintingSections() {
        ContextNeeds needs = facts().needs();
        return needs == null ? Set.of() : needs.scopePrinting();
    }
}
