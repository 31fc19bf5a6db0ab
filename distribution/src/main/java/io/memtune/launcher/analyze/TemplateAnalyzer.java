package io.memtune.launcher.analyze;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.memtune.api.optimizer.OptimizationReport;
import io.memtune.api.optimizer.TemplateMemory;
import io.memtune.api.template.CompiledTemplate;
import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateFootprint;
import io.memtune.optimizer.core.CompactEngine;
import io.memtune.optimizer.core.CompileLedger;
import io.memtune.optimizer.core.HeapAccount;
import io.memtune.optimizer.core.OptimizationReporter;
import io.memtune.optimizer.core.OptimizerSettings;
import io.memtune.optimizer.core.PassPipeline;
import io.memtune.template.core.MustacheJavaEngine;
import io.memtune.template.core.MustacheScanner;
import io.memtune.template.core.ServiceFootprint;
import io.memtune.template.core.Tag;
import io.memtune.template.core.TemplateClosure;
import io.memtune.template.core.TemplateRepository;

/**
 * {@code bin/memtune analyze <templates-dir> [--json]}: what the optimizer would save on a template tree
 * ({@code <dir>/<tenant>/*.mustache}, shared ones in {@code <dir>/_shared}), without a container. Every page
 * (a template no other one includes) is compiled by the optimizer; the report is the one
 * {@code memtune:optimize} gives, followed by what a running container would hold for the same pages: the compiled
 * structure and every page's and tenant's entries (the template service's, estimated with the figures its
 * {@code footprint()} reports). Runs outside OSGi, loaded by the launcher with the bundles' jars.
 */
public final class TemplateAnalyzer {

    private TemplateAnalyzer() {
    }

    /** @return the exit code: 0, 2 for a wrong command line, 1 when some templates did not compile */
    public static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        Path dir = null;
        boolean json = false;
        for (String arg : args) {
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.startsWith("--") || dir != null) {
                err.println("memtune analyze: unexpected argument '" + arg + "'");
                err.println("usage: memtune analyze <templates-dir> [--json]");
                return 2;
            } else {
                dir = Path.of(arg);
            }
        }
        if (dir == null || !Files.isDirectory(dir)) {
            err.println("memtune analyze: " + (dir == null ? "no templates directory given" : "not a directory: " + dir)
                    + " (usage: memtune analyze <templates-dir> [--json])");
            return 2;
        }
        TemplateRepository repository = new TemplateRepository(dir, 4 << 20);
        PassPipeline pipeline = new PassPipeline(Set.of(), 2000).discover(TemplateAnalyzer.class.getClassLoader());
        CompileLedger ledger = new CompileLedger();
        CompactEngine engine = new CompactEngine(OptimizerSettings.ALL, pipeline, new MustacheJavaEngine(), ledger);
        List<String[]> pages = pages(repository);
        List<CompiledTemplate> held = new ArrayList<>(); // alive until reported, as in a template cache
        List<String> errors = new ArrayList<>();
        Set<String> closures = new HashSet<>();
        Progress progress = new Progress(err, pages.size());
        for (String[] page : pages) {
            try {
                TemplateClosure closure = TemplateClosure.load(repository, page[0], page[1]);
                held.add(engine.compile(closure));
                closures.add(ServiceFootprint.closureKey(closure));
            } catch (TemplateException e) {
                errors.add(e.getMessage());
            }
            progress.step();
        }
        progress.done();
        OptimizationReporter reporter = new OptimizationReporter(ledger, pipeline, OptimizerSettings.ALL);
        OptimizationReport report = reporter.report();
        long tenants = repository.tenants().size();
        long files = templateFiles(dir);
        HeapAccount heap = HeapAccount.of(report, new TemplateFootprint(tenants, held.size(), files,
                ServiceFootprint.estimate(held.size(), tenants, files, closures.size())));
        List<TemplateMemory> top = reporter.top(10);
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("directory", dir.toAbsolutePath().toString());
            result.put("report", report);
            result.put("heap", Map.of("totalBytes", heap.total(), "perPageBytes", heap.perPage(), "perTenantBytes",
                    heap.perTenant(), "parts", heap.parts()));
            result.put("top", top);
            result.put("errors", errors);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } else {
            text(report, heap, top, errors, held.size(), out);
        }
        return errors.isEmpty() ? 0 : 1;
    }

    /** Templates that no template of their tenant (or of the shared ones) includes. */
    private static List<String[]> pages(TemplateRepository repository) {
        List<String[]> pages = new ArrayList<>();
        for (String tenant : repository.tenants()) {
            Set<String> included = new HashSet<>();
            List<String> names = new ArrayList<>(repository.names(tenant));
            for (String name : names) {
                repository.read(tenant, name).ifPresent(f -> {
                    try {
                        for (Tag tag : MustacheScanner.scan(name, f.text()).includes()) {
                            included.add(tag.name());
                        }
                    } catch (TemplateException e) {
                        // reported when the template itself is compiled
                    }
                });
            }
            for (String name : names) {
                if (!included.contains(name)) {
                    pages.add(new String[] {tenant, name});
                }
            }
        }
        return pages;
    }

    /** The template files under the root (what the container's watcher would hold a state for). */
    private static long templateFiles(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(TemplateRepository.SUFFIX)).count();
        }
    }

    private static void text(OptimizationReport r, HeapAccount heap, List<TemplateMemory> top, List<String> errors,
            int compiled, PrintStream out) {
        out.printf(Locale.ROOT, "%d pages compiled: template text %s; Mustache.java would hold about %s of compiled templates,"
                + " the optimizer %s (%.1fx the text, %.0f%% less)%n", compiled, kb(r.sourceBytes()), kb(r.baselineBytes()),
                kb(r.optimizedBytes()), r.ratioToSource(), 100.0 * (1 - (double) r.optimizedBytes() / Math.max(1, r.baselineBytes())));
        out.print("in a running container, with the template service's entries per page and tenant (estimated): ");
        out.print(heap.format());
        for (OptimizationReport.Saving s : r.savings()) {
            out.printf(Locale.ROOT, "  %-36s %10s  saves %s%n", s.step(), kb(s.bytesAfter()), kb(s.saved()));
        }
        out.println("costliest pages (optimized; shared structure counted at its first user):");
        for (TemplateMemory m : top) {
            out.printf(Locale.ROOT, "  %-40s %10s (Mustache.java %s)%n", m.tenant() + "/" + m.template(), kb(m.optimizedBytes()),
                    kb(m.baselineBytes()));
        }
        if (!errors.isEmpty()) {
            out.println(errors.size() + " templates did not compile:");
            errors.forEach(e -> out.println("  " + e));
        }
    }

    private static String kb(long bytes) {
        return bytes < 10 * 1024 ? bytes + " B" : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    /** A progress bar on a terminal, for large trees; nothing when the output is not a terminal. */
    private static final class Progress {
        private final PrintStream err;
        private final int total;
        private final boolean shown;
        private int done;

        Progress(PrintStream err, int total) {
            this.err = err;
            this.total = total;
            this.shown = System.console() != null && total >= 200;
        }

        void step() {
            done++;
            if (shown && (done % 50 == 0 || done == total)) {
                int width = 40;
                int filled = (int) ((long) width * done / total);
                err.print("\ranalyzing [" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + total);
            }
        }

        void done() {
            if (shown) {
                err.println();
            }
        }
    }
}
