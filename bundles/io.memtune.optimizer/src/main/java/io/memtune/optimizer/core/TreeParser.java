package io.memtune.optimizer.core;

import java.io.StringReader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.util.Node;

import io.memtune.api.optimizer.TemplateNode;
import io.memtune.api.template.TemplateException;

/**
 * Parses a template text into {@link TemplateNode}s with Mustache.java's own parser, through a visitor of
 * ours: delimiters, standalone lines and whitespace come out exactly as Mustache.java reads them, and
 * nothing of Mustache.java's execution machinery (codes, bindings, guards) is built.
 */
public final class TreeParser {

    private TreeParser() {
    }

    /**
     * @throws TemplateException COMPILE_ERROR naming the template and the line, for text Mustache.java rejects
     */
    public static List<TemplateNode> parse(String tenant, String name, String text) {
        Factory factory = new Factory();
        try {
            Mustache parsed = factory.compile(new StringReader(text), name);
            return ((Body) parsed).nodes;
        } catch (MustacheException e) {
            TemplateContext where = e.getContext();
            int line = where == null ? 0 : where.line();
            throw new TemplateException(TemplateException.Kind.COMPILE_ERROR, tenant, name, line, 0,
                    "cannot compile " + tenant + "/" + name + (line > 0 ? " at line " + line : "") + ": "
                            + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed template";
        }
        int at = message.indexOf(" @[");
        return at > 0 ? message.substring(0, at) : message;
    }

    /** A factory whose parser reports to our visitor. */
    private static final class Factory extends DefaultMustacheFactory {
        @Override
        public MustacheVisitor createMustacheVisitor() {
            return new TreeVisitor();
        }
    }

    /** Collects one nesting level's nodes; a nested level comes back to its parent as a {@link Body}. */
    private static final class TreeVisitor implements MustacheVisitor {

        private final List<TemplateNode> nodes = new ArrayList<>();

        @Override
        public Mustache mustache(TemplateContext tc) {
            return new Body(List.copyOf(nodes));
        }

        @Override
        public void iterable(TemplateContext tc, String variable, Mustache mustache) {
            nodes.add(new TemplateNode.Section(variable, false, ((Body) mustache).nodes));
        }

        @Override
        public void notIterable(TemplateContext tc, String variable, Mustache mustache) {
            nodes.add(new TemplateNode.Section(variable, true, ((Body) mustache).nodes));
        }

        @Override
        public void partial(TemplateContext tc, String variable, String indent) {
            nodes.add(new TemplateNode.Partial(variable));
        }

        @Override
        public void dynamicPartial(TemplateContext tc, String variable, String indent) {
            nodes.add(new TemplateNode.DynamicPartial(variable));
        }

        @Override
        public void value(TemplateContext tc, String variable, boolean encoded) {
            nodes.add(new TemplateNode.Variable(variable, encoded));
        }

        @Override
        public void write(TemplateContext tc, String text) {
            if (!text.isEmpty()) {
                nodes.add(new TemplateNode.Text(text));
            }
        }

        @Override
        public void pragma(TemplateContext tc, String pragma, String args) {
            // Mustache.java renders nothing for a pragma
        }

        @Override
        public void eof(TemplateContext tc) {
        }

        @Override
        public void extend(TemplateContext tc, String variable, Mustache mustache) {
            // Mustache.java renders only the blocks of a parent tag's body, and refuses anything but blocks,
            // text and comments in it
            List<TemplateNode.Block> blocks = new ArrayList<>();
            for (TemplateNode n : ((Body) mustache).nodes) {
                if (n instanceof TemplateNode.Block b && !b.conditional()) {
                    blocks.add(b);
                } else if (!(n instanceof TemplateNode.Text)) {
                    throw new MustacheException("Illegal code in extend section: " + describe(n), tc);
                }
            }
            nodes.add(new TemplateNode.Parent(variable, blocks));
        }

        @Override
        public void name(TemplateContext tc, String variable, Mustache mustache) {
            nodes.add(new TemplateNode.Block(variable, ((Body) mustache).nodes, false));
        }

        @Override
        public void checkName(TemplateContext tc, String variable, Mustache mustache) {
            nodes.add(new TemplateNode.Block(variable, ((Body) mustache).nodes, true));
        }

        @Override
        public void comment(TemplateContext tc, String comment) {
        }

        private static String describe(TemplateNode n) {
            return n.getClass().getSimpleName().toLowerCase() + " tag";
        }
    }

    /** A parsed level, handed through Mustache.java's parser, which expects a {@link Mustache}. Never executed. */
    private static final class Body implements Mustache {

        final List<TemplateNode> nodes;

        Body(List<TemplateNode> nodes) {
            this.nodes = nodes;
        }

        @Override
        public void init() {
            // nothing to link: partials are resolved by the optimizer
        }

        @Override
        public void append(String text) {
            throw unsupported();
        }

        @Override
        public Object clone() {
            throw unsupported();
        }

        @Override
        public Object clone(Set<Code> seen) {
            throw unsupported();
        }

        @Override
        public Writer execute(Writer writer, List<Object> scopes) {
            throw unsupported();
        }

        @Override
        public Code[] getCodes() {
            return new Code[0];
        }

        @Override
        public void identity(Writer writer) {
            throw unsupported();
        }

        @Override
        public void setCodes(Code[] codes) {
            throw unsupported();
        }

        @Override
        public Writer run(Writer writer, List<Object> scopes) {
            throw unsupported();
        }

        @Override
        public Node invert(String text) {
            throw unsupported();
        }

        @Override
        public Node invert(Node node, String text, AtomicInteger position) {
            throw unsupported();
        }

        @Override
        public String getName() {
            return null;
        }

        private static UnsupportedOperationException unsupported() {
            return new UnsupportedOperationException("a parse tree is not executed");
        }
    }
}
