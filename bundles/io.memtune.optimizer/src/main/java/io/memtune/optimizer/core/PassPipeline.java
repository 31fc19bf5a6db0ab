package io.memtune.optimizer.core;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.memtune.api.optimizer.OptimizationPass;
import io.memtune.api.optimizer.PassStatus;
import io.memtune.api.optimizer.TemplateNode;

/**
 * The passes, in order, each isolated: a built-in pass runs inline; a plugin runs with a time budget on a
 * thread of its own, and its result is checked by rendering the tree before and after it against probe
 * contexts (empty, and one where every name the tree reads is present). A pass that throws, overruns or
 * changes the output is skipped for that tree and its failure counted; the pipeline goes on without it.
 */
public final class PassPipeline {

    /** A pass with its origin and counters. */
    private static final class Stage {
        final OptimizationPass pass;
        final String origin;
        final boolean trusted;
        final AtomicLong applied = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicLong timeouts = new AtomicLong();
        volatile String lastFailure;

        Stage(OptimizationPass pass, String origin, boolean trusted) {
            this.pass = pass;
            this.origin = origin;
            this.trusted = trusted;
        }

        /** The pass's name; one whose name() throws is listed by its class. */
        String name() {
            try {
                return pass.name();
            } catch (RuntimeException e) {
                return pass.getClass().getName();
            }
        }
    }

    private final List<Stage> stages = new CopyOnWriteArrayList<>();
    private final Set<String> disabled;
    private final long budgetMillis;
    private final ExecutorService plugins = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "memtune-optimizer-plugin");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param disabled names of passes switched off
     * @param budgetMillis how long a plugin may take for one tree
     */
    public PassPipeline(Set<String> disabled, long budgetMillis) {
        this.disabled = Set.copyOf(disabled);
        this.budgetMillis = budgetMillis;
        stages.add(new Stage(new MergeTextPass(), "built-in", true));
    }

    /** Outside OSGi: every pass a {@code META-INF/services} entry of this class loader names joins. */
    public PassPipeline discover(ClassLoader loader) {
        for (OptimizationPass pass : java.util.ServiceLoader.load(OptimizationPass.class, loader)) {
            addPlugin(pass, "ServiceLoader");
        }
        return this;
    }

    /** A third-party pass joins at the end. */
    public void addPlugin(OptimizationPass pass, String origin) {
        stages.add(new Stage(pass, origin, false));
    }

    public void removePlugin(OptimizationPass pass) {
        stages.removeIf(s -> s.pass == pass);
    }

    public List<TemplateNode> apply(List<TemplateNode> tree) {
        List<TemplateNode> current = tree;
        for (Stage stage : stages) {
            try {
                if (disabled.contains(stage.name()) || stage.timeouts.get() >= MAX_TIMEOUTS) {
                    continue; // switched off, or it hung too often: each hang may hold a thread
                }
                List<TemplateNode> rewritten = stage.trusted ? stage.pass.rewrite(current) : guarded(stage, current);
                if (rewritten != current) {
                    stage.applied.incrementAndGet();
                }
                current = rewritten;
            } catch (PassFailure | RuntimeException e) {
                stage.failures.incrementAndGet();
                stage.lastFailure = e.getMessage() == null ? e.toString() : e.getMessage();
            }
        }
        return current;
    }

    /** After this many overruns a plugin is not run any more (a plugin that ignores interruption keeps a thread). */
    static final int MAX_TIMEOUTS = 3;

    private List<TemplateNode> guarded(Stage stage, List<TemplateNode> tree) throws PassFailure {
        Future<List<TemplateNode>> result = plugins.submit(() -> stage.pass.rewrite(tree));
        List<TemplateNode> rewritten;
        try {
            rewritten = result.get(budgetMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            long overruns = stage.timeouts.incrementAndGet();
            throw new PassFailure(stage.name() + " took longer than " + budgetMillis + " ms"
                    + (overruns >= MAX_TIMEOUTS ? "; after " + overruns + " overruns it is not run any more" : ""));
        } catch (ExecutionException e) {
            throw new PassFailure(stage.name() + " threw " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PassFailure(stage.name() + " was interrupted");
        }
        if (rewritten == null) {
            throw new PassFailure(stage.name() + " returned null");
        }
        if (rewritten != tree) {
            // what probes cannot see: partials and parents render nothing on their own, so their names, and
            // the blocks a child replaces, must stay as they were
            if (!includesAndBlocks(tree).equals(includesAndBlocks(rewritten))) {
                throw new PassFailure(stage.name() + " changed the partials, parents or blocks");
            }
            for (Map<String, Object> probe : probes(tree, rewritten)) {
                String before = render(tree, probe);
                String after = render(rewritten, probe);
                if (!before.equals(after)) {
                    throw new PassFailure(stage.name() + " changed the output (" + abbreviate(before) + " became "
                            + abbreviate(after) + ")");
                }
            }
        }
        return rewritten;
    }

    private static String abbreviate(String s) {
        return '"' + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + '"';
    }

    /** Partial, parent and block names in order, with their nesting, as text. */
    private static String includesAndBlocks(List<? extends TemplateNode> nodes) {
        StringBuilder out = new StringBuilder();
        for (TemplateNode node : nodes) {
            if (node instanceof TemplateNode.Partial p) {
                out.append(">").append(p.name()).append(';');
            } else if (node instanceof TemplateNode.DynamicPartial d) {
                out.append(">*").append(d.name()).append(';');
            } else if (node instanceof TemplateNode.Parent p) {
                out.append("<").append(p.name()).append('(').append(includesAndBlocks(p.blocks())).append(')');
            } else if (node instanceof TemplateNode.Block b) {
                out.append(b.conditional() ? "?" : "$").append(b.name()).append('(').append(includesAndBlocks(b.body())).append(')');
            } else if (node instanceof TemplateNode.Section sec) {
                String inside = includesAndBlocks(sec.body());
                if (!inside.isEmpty()) {
                    out.append("#(").append(inside).append(')');
                }
            }
        }
        return out.toString();
    }

    /** Contexts that exercise the trees: an empty one, and one where every name is there. */
    private static List<Map<String, Object>> probes(List<TemplateNode> a, List<TemplateNode> b) {
        ContextNeeds needs = ContextNeeds.collect(List.of(a, b));
        return List.of(Map.of(), probe(needs, 3));
    }

    /**
     * Every name present: a printed one as text with markup (escaping shows), any other as a list of one
     * context like this one, a level less deep (a section over it renders its body once, with every name).
     */
    private static Map<String, Object> probe(ContextNeeds needs, int depth) {
        Map<String, Object> context = new HashMap<>();
        List<Object> once = depth == 0 ? null : List.of(probe(needs, depth - 1)); // one child, shared: linear size
        for (String name : needs.read()) {
            context.put(name, needs.printed().contains(name) || once == null ? "<" + name + "&>" : once);
        }
        return context;
    }

    private static String render(List<TemplateNode> tree, Map<String, Object> context) throws PassFailure {
        StringWriter out = new StringWriter();
        try {
            Frame frame = new Frame(out, context);
            Node.render(CompactEngine.standalone(tree).body, frame);
            frame.out.flush();
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return "failure: " + e.getClass().getSimpleName();
        }
        return out.toString();
    }

    public List<PassStatus> statuses() {
        List<PassStatus> out = new ArrayList<>();
        for (Stage s : stages) {
            out.add(new PassStatus(s.name(), s.origin, !disabled.contains(s.name()) && s.timeouts.get() < MAX_TIMEOUTS, s.applied.get(),
                    s.failures.get(), s.lastFailure));
        }
        return out;
    }

    public void close() {
        plugins.shutdownNow();
    }

    /** A pass that failed on one tree. */
    private static final class PassFailure extends Exception {
        private static final long serialVersionUID = 1L;

        PassFailure(String message) {
            super(message);
        }
    }
}
